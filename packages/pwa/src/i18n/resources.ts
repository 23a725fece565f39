import { en } from './locales/en.ts'
import { zhCN } from './locales/zh-CN.ts'

/**
 * All UI strings, bundled (no network). Each feature keeps its strings next to its screens
 * (`features/<name>/messages.ts`, under its own top-level key); add one line per feature here.
 */
const features: Record<string, { en: unknown; zh: unknown }> = {
  // feature message modules go here, e.g. `today,`
}

export const resources = {
  en: { translation: { ...en, ...Object.fromEntries(Object.entries(features).map(([k, m]) => [k, m.en])) } },
  'zh-CN': {
    translation: { ...zhCN, ...Object.fromEntries(Object.entries(features).map(([k, m]) => [k, m.zh])) },
  },
}

import i18next, { type Resource } from 'i18next'
import { customersMessages as customers } from '../features/customers/messages.ts'
import { en } from '../shared/i18n/locales/en.ts'
import { zhCN } from '../shared/i18n/locales/zh-CN.ts'

type Messages = Record<string, { en: unknown; zh: unknown }>

const bundle = (features: Messages) => ({
  en: { translation: Object.fromEntries(Object.entries(features).map(([k, m]) => [k, m.en])) },
  'zh-CN': { translation: Object.fromEntries(Object.entries(features).map(([k, m]) => [k, m.zh])) },
})

/**
 * The strings the first screen needs (the shell and the customer list), bundled with it. Each feature
 * keeps its strings next to its screens (`features/<name>/messages.ts`, under its own top-level key);
 * the other features' strings load with the first screen that is not the list (`laterResources`), so
 * they do not weigh on a returning rep's first paint.
 */
export const resources: Resource = (() => {
  const first = bundle({ customers })
  return {
    en: { translation: { ...en, ...first.en.translation } },
    'zh-CN': { translation: { ...zhCN, ...first['zh-CN'].translation } },
  }
})()

/** Every other feature's strings (add one line per feature in i18n-later.ts). */
const laterResources = (): Promise<Resource> => import('./i18n-later.ts').then((m) => bundle(m.laterMessages))

let later: Promise<void> | null = null

/** Adds every other feature's strings to i18next (once); a screen outside the list waits for it. */
export function loadLaterStrings(): Promise<void> {
  later ??= laterResources().then((res) => {
    for (const [lng, namespaces] of Object.entries(res))
      for (const [ns, strings] of Object.entries(namespaces))
        i18next.addResourceBundle(lng, ns, strings, true)
  })
  return later
}

/** A screen's module loader that resolves once its strings are there too (for `React.lazy`). */
export const withStrings =
  <T>(load: () => Promise<T>) =>
  (): Promise<T> =>
    Promise.all([load(), loadLaterStrings()]).then(([m]) => m)

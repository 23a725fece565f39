import i18next, { type Resource } from 'i18next'
import LanguageDetector from 'i18next-browser-languagedetector'
import { initReactI18next } from 'react-i18next'

export const languages = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
] as const

/**
 * Bundled resources (no network needed, assembled by the app: app/i18n-resources.ts); the browser
 * language decides until the rep chooses.
 */
export async function initI18n(resources: Resource): Promise<typeof i18next> {
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      supportedLngs: ['zh-CN', 'en'],
      fallbackLng: { zh: ['zh-CN'], default: ['en'] },
      load: 'currentOnly',
      interpolation: { escapeValue: false },
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: 'outrider.lang',
        caches: ['localStorage'],
        // Any Chinese browser locale gets the zh-CN UI; any English one the en UI.
        convertDetectedLanguage: (lng: string) =>
          lng.toLowerCase().startsWith('zh') ? 'zh-CN' : lng.toLowerCase().startsWith('en') ? 'en' : lng,
      },
    })
  const sync = () => {
    document.documentElement.lang = i18next.resolvedLanguage ?? 'en'
  }
  sync()
  i18next.on('languageChanged', sync)
  return i18next
}

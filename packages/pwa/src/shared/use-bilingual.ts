import { useTranslation } from 'react-i18next'

/** Picks the en or zh side of a bilingual text for the current UI language. */
export function useBilingual(): (text: { en: string; zh: string } | null | undefined) => string {
  const { i18n } = useTranslation()
  const en = (i18n.resolvedLanguage ?? i18n.language ?? 'zh-CN').startsWith('en')
  return (text) => (text ? (en ? text.en : text.zh) : '')
}

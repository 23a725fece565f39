/** A text in both UI languages. */
export interface Bilingual {
  zh: string
  en: string
}

/** One fact behind a label or score: a stable code and its parameters for programs, text for people. */
export interface Explanation {
  code: string
  params: Record<string, string | number>
  en: string
  zh: string
}

/** A bilingual name. */
export interface Label {
  en: string
  zh: string
}

export function explain(code: string, params: Record<string, string | number>, en: string, zh: string): Explanation {
  return { code, params, en, zh }
}

/** Money with two decimals and no currency sign (the data carries no currency). */
export function money(x: number): string {
  return x.toFixed(2)
}

/** A share 0..1 as a percentage with one decimal. */
export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`
}

/** "1 order" / "8 orders". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

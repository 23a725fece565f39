import Papa from 'papaparse'

export type CsvLang = 'zh-CN' | 'en'

/**
 * A cell a spreadsheet would read as a formula: =, +, - or @ (or their full-width forms ＝＋－＠, which
 * Excel and WPS also accept) first, possibly behind spaces, or a tab or carriage return first.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/

/**
 * CSV that Excel opens correctly with Chinese text: UTF-8 with a BOM, CRLF line endings, quoting as
 * needed, and cells that would start a formula neutralised (prefixed with `'`).
 */
export function excelCsv(fields: string[], rows: (string | number | null)[][]): string {
  const body = Papa.unparse({ fields, data: rows }, { newline: '\r\n', escapeFormulae: FORMULA_START })
  return `\uFEFF${body}\r\n`
}

/** Date and time as shown in the sheets: China time (UTC+8), `YYYY-MM-DD` and `HH:mm`. */
export function chinaDateTime(iso: string | null | undefined): { date: string; time: string } {
  if (!iso) return { date: '', time: '' }
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return { date: '', time: '' }
  const local = new Date(t + 8 * 3600_000).toISOString()
  return { date: local.slice(0, 10), time: local.slice(11, 16) }
}

/** Today in China time, `YYYY-MM-DD`. */
export function chinaToday(nowMs: number): string {
  return new Date(nowMs + 8 * 3600_000).toISOString().slice(0, 10)
}

/** A header in the requested language. */
export const pick = (lang: CsvLang, label: { en: string; zh: string }): string =>
  lang === 'en' ? label.en : label.zh

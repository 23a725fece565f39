import { DEFAULT_TIME_ZONE, dayOfInstant, formatDayNumber, zoneOffsetMinutes } from '@outrider/domain'
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

const pad2 = (n: number) => String(n).padStart(2, '0')

/** Date and time as shown in the sheets: the organisation's calendar day (`YYYY-MM-DD`) and wall clock (`HH:mm`). */
export function zonedDateTime(
  iso: string | null | undefined,
  timeZone: string = DEFAULT_TIME_ZONE,
): { date: string; time: string } {
  if (!iso) return { date: '', time: '' }
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return { date: '', time: '' }
  const day = dayOfInstant(t, timeZone)
  const minute = Math.floor((t + zoneOffsetMinutes(timeZone, t) * 60_000) / 60_000) - day * 1440
  return { date: formatDayNumber(day), time: `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}` }
}

/**
 * The sheet's language: `lang` in the address, else the browser's first choice (Accept-Language).
 * Any `en…` gives English, anything else (or nothing) Chinese: clients send `zh`, `zh-CN`, `en-US`.
 */
export const csvLang = (query: string | undefined, accept: string | undefined): CsvLang =>
  (query ?? accept ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN'

/** A header in the requested language. */
export const pick = (lang: CsvLang, label: { en: string; zh: string }): string =>
  lang === 'en' ? label.en : label.zh

import { type Holiday, holidaySchema } from '@outrider/domain'

/** One entry a line, blank lines skipped; whitespace around each trimmed. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')

/** Complaint categories, one a line, without repeats (the first spelling kept). */
export function parseCategories(text: string): string[] {
  return [...new Set(lines(text))]
}

export type HolidayParse = { ok: true; holidays: Holiday[] } | { ok: false; line: number; text: string }

/**
 * Greeting days, one a line as `YYYY-MM-DD name` (`2027-02-06 春节`), sorted by date. The first line
 * that is not a real date followed by a name is reported by its number, and nothing is taken.
 */
export function parseHolidays(text: string): HolidayParse {
  const out: Holiday[] = []
  const all = text.split(/\r?\n/)
  for (const [i, raw] of all.entries()) {
    const line = raw.trim()
    if (line === '') continue
    const m = /^(\d{4}-\d{2}-\d{2})\s+(.+)$/.exec(line)
    const parsed = m ? holidaySchema.safeParse({ date: m[1], name: m[2]!.trim() }) : null
    if (!parsed?.success) return { ok: false, line: i + 1, text: line }
    out.push(parsed.data)
  }
  return { ok: true, holidays: out.sort((a, b) => a.date.localeCompare(b.date)) }
}

export const formatHolidays = (holidays: readonly Holiday[]) =>
  holidays.map((h) => `${h.date} ${h.name}`).join('\n')

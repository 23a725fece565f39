import {
  DEFAULT_TIME_ZONE,
  dayOfInstant,
  defaultServicePolicy,
  formatDayNumber,
  startOfDay,
} from '@outrider/domain'

/**
 * The demo organisation's time zone: its policy's (the domain default, Asia/Shanghai). Its days are
 * counted by the domain's calendar, as the server, the phones and the exports count them.
 */
export const SEED_TIME_ZONE = defaultServicePolicy.timeZone ?? DEFAULT_TIME_ZONE

const DAY_MS = 86_400_000

/** The organisation's day number (days since 1970-01-01 in its zone) of an instant. */
export function localDay(ms: number): number {
  return dayOfInstant(ms, SEED_TIME_ZONE)
}

/** UTC milliseconds of a day of the organisation and a minute of that day. */
export function instant(day: number, minute: number): number {
  return startOfDay(day, SEED_TIME_ZONE) + minute * 60_000
}

/** 0 = Sunday … 6 = Saturday of a day number (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

export function isoDateOf(day: number): string {
  return formatDayNumber(day)
}

const datePrefix = new Map<number, string>()
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** `Date#toISOString` without a Date per call (called ~250k times); the day part is cached. */
export function isoAt(ms: number): string {
  const day = Math.floor(ms / DAY_MS)
  let prefix = datePrefix.get(day)
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11)
    datePrefix.set(day, prefix)
  }
  const t = ms - day * DAY_MS
  const millis = t % 1000
  const secs = Math.floor(t / 1000)
  return `${prefix}${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`
}

/** A server-made HLC stamp (`<ms:13>-<counter:4>-seed`), as if the seed ran on the server at that time. */
export function seedStamp(ms: number, counter = 0): string {
  return `${String(ms).padStart(13, '0')}-${String(counter).padStart(4, '0')}-seed`
}

/** Per-field clocks for a mergeable record whose fields were all last written at `ms`. */
export function clocksFor(fields: readonly string[], ms: number): Record<string, string> {
  const stamp = seedStamp(ms)
  const clocks: Record<string, string> = {}
  for (const f of fields) clocks[f] = stamp
  return clocks
}

/** Spring Festival (农历新年) dates: orders spike in the weeks before, shops close in the week after. */
const springFestivals = [
  '2023-01-22',
  '2024-02-10',
  '2025-01-29',
  '2026-02-17',
  '2027-02-06',
  '2028-01-26',
  '2029-02-13',
  '2030-02-03',
].map((d) => Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS))

/** Where a day sits around Spring Festival: days before it (within 30), or inside the week-long holiday. */
export function springFestivalPhase(day: number): { daysBefore: number | null; holiday: boolean } {
  for (const f of springFestivals) {
    if (day >= f && day < f + 7) return { daysBefore: null, holiday: true }
    if (day < f && f - day <= 30) return { daysBefore: f - day, holiday: false }
  }
  return { daysBefore: null, holiday: false }
}

/** Month 1–12 of a local day. */
export function monthOf(day: number): number {
  return new Date(day * DAY_MS).getUTCMonth() + 1
}

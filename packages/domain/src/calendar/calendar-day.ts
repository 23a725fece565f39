import { daysFromCivil, formatDayNumber, parseDayNumber } from './civil-day.ts'
import { DEFAULT_TIME_ZONE, zoneOffsetMinutes } from './time-zone.ts'

/**
 * Calendar days in the organisation's zone. A value with an offset (`…Z`, `…+08:00`) is an instant and
 * falls on the zone's day; a value without one (`2026-03-01`, `2026-03-01 14:30`) is already a calendar
 * day (or a wall-clock time) in the organisation's zone and keeps its date as written.
 */

const DAY_MS = 86_400_000
const MINUTE_MS = 60_000
const DAY_MINUTES = 1440

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -100_000
}

/** Minutes east of UTC written at the end of `s` (`Z`, `±hh:mm`, `±hhmm`), or NaN when it has none. */
function writtenOffset(s: string): number {
  const n = s.length
  if (n <= 10) return Number.NaN
  const last = s.charCodeAt(n - 1)
  if (last === 90 || last === 122) return 0 // Z z
  // ±hh:mm or ±hhmm at the end, after the time part (position > 10 so a date's '-' never counts)
  for (const len of [6, 5]) {
    const at = n - len
    if (at <= 10) continue
    const sign = s.charCodeAt(at)
    if (sign !== 43 && sign !== 45) continue
    const colon = len === 6
    if (colon && s.charCodeAt(at + 3) !== 58) continue
    const hh = digit(s, at + 1) * 10 + digit(s, at + 2)
    const mm = digit(s, at + (colon ? 4 : 3)) * 10 + digit(s, at + (colon ? 5 : 4))
    if (hh < 0 || mm < 0) continue
    return (sign === 45 ? -1 : 1) * (hh * 60 + mm)
  }
  return Number.NaN
}

/** Day number (days since 1970-01-01) of an instant in `ms`, in the zone. */
export function dayOfInstant(ms: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  return Math.floor((ms + zoneOffsetMinutes(timeZone, ms) * MINUTE_MS) / DAY_MS)
}

/**
 * Day number of a date or date-time value in the organisation's zone (see the module note); NaN when
 * unreadable. Accepts what `parseDayNumber` accepts, and ISO date-times with an offset.
 */
export function calendarDayOf(value: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const written = parseDayNumber(value)
  if (Number.isNaN(written)) return written
  const offset = writtenOffset(value)
  if (Number.isNaN(offset)) return written
  // hh:mm right after the date and 'T' or ' ' (seconds cannot move a whole-minute offset across midnight)
  const hh = digit(value, 11) * 10 + digit(value, 12)
  const mm = digit(value, 14) * 10 + digit(value, 15)
  if (hh < 0 || hh > 24 || mm < 0 || mm > 59 || value.charCodeAt(13) !== 58) {
    const ms = Date.parse(value)
    return Number.isNaN(ms) ? Number.NaN : dayOfInstant(ms, timeZone)
  }
  const utcMinutes = written * DAY_MINUTES + hh * 60 + mm - offset
  const local = utcMinutes + zoneOffsetMinutes(timeZone, utcMinutes * MINUTE_MS)
  return Math.floor(local / DAY_MINUTES)
}

/** The instant (ms) the day starts in the zone: 2026-03-01 in Shanghai starts at 2026-02-28T16:00Z. */
export function startOfDay(day: number, timeZone: string = DEFAULT_TIME_ZONE): number {
  let ms = day * DAY_MS - zoneOffsetMinutes(timeZone, day * DAY_MS) * MINUTE_MS
  // A zone whose offset differs a day away from UTC midnight: one correction settles it.
  ms = day * DAY_MS - zoneOffsetMinutes(timeZone, ms) * MINUTE_MS
  return ms
}

/** ISO instant of a wall-clock time (day number, minutes into the day) in the zone. */
export function instantAt(day: number, minuteOfDay: number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const guess = day * DAY_MS + minuteOfDay * MINUTE_MS
  const ms =
    guess - zoneOffsetMinutes(timeZone, guess - zoneOffsetMinutes(timeZone, guess) * MINUTE_MS) * MINUTE_MS
  return new Date(ms).toISOString()
}

/** The zone's wall clock at an instant: what a clock on the office wall says there. */
export interface WallClock {
  /** Calendar date, `YYYY-MM-DD`. */
  today: string
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  /** Minutes since midnight. */
  nowMinute: number
}

/**
 * The organisation's date, weekday and minute of the day at instant `ms`: opening hours, plans and
 * "today" are the organisation's, whatever zone the device that shows them is set to.
 */
export function wallClockAt(ms: number, timeZone: string = DEFAULT_TIME_ZONE): WallClock {
  const minutes = Math.floor(ms / MINUTE_MS) + zoneOffsetMinutes(timeZone, ms)
  const day = Math.floor(minutes / DAY_MINUTES)
  return {
    today: formatDayNumber(day),
    // 1970-01-01 was a Thursday.
    weekday: (((day + 4) % 7) + 7) % 7,
    nowMinute: minutes - day * DAY_MINUTES,
  }
}

/** `YYYY-MM-DD` of today (or of the instant `nowMs`) in the zone. */
export function todayIn(timeZone: string = DEFAULT_TIME_ZONE, nowMs: number = Date.now()): string {
  return formatDayNumber(dayOfInstant(nowMs, timeZone))
}

/** `YYYY-MM-DD` of a value's calendar day in the zone, or null when unreadable. */
export function calendarDate(value: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const d = calendarDayOf(value, timeZone)
  return Number.isNaN(d) ? null : formatDayNumber(d)
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`), NaN when either is unreadable. */
export function daysBetween(from: string, to: string): number {
  return parseDayNumber(to) - parseDayNumber(from)
}

export { daysFromCivil, formatDayNumber, parseDayNumber }

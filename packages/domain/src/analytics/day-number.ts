import { calendarDayOf } from '../calendar/calendar-day.ts'
import { formatDayNumber } from '../calendar/civil-day.ts'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'

/**
 * ISO dates as integer day numbers (days since 1970-01-01), read by the calendar module (no `Date` per
 * order). A date-time with an offset (`…Z`) is an instant and counts on
 * its calendar day in the organisation's zone (see `calendar/`); one without keeps its date as written.
 */

/** Day number of `YYYY-MM-DD` or `YYYY-MM-DDT…` in the zone; NaN for anything else (including 2026-02-30). */
export function dayNumber(iso: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  // Stored dates are ISO only; the calendar module also reads the spellings of imported files.
  const iso8601 =
    iso.length >= 10 &&
    iso.charCodeAt(4) === 45 &&
    iso.charCodeAt(7) === 45 &&
    (iso.length === 10 || iso[10] === 'T')
  return iso8601 ? calendarDayOf(iso, timeZone) : Number.NaN
}

/** `YYYY-MM-DD` of a day number. */
export const isoDateOfDay = formatDayNumber

/** 0 = Sunday … 6 = Saturday, as `Date#getDay` and the opening-hours model. */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

/** Monday–Friday days in `[from, to]` (day numbers, inclusive). */
export function weekdaysBetween(from: number, to: number): number {
  let count = 0
  for (let d = from; d <= to; d++) {
    const w = weekdayOfDay(d)
    if (w !== 0 && w !== 6) count++
  }
  return count
}

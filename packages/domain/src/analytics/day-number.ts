import { calendarDayOf } from '../calendar/calendar-day.ts'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'

/**
 * ISO dates as integer day numbers (days since 1970-01-01), read straight from the characters so loops
 * over 200,000 orders never build a `Date`. A date-time with an offset (`…Z`) is an instant and counts on
 * its calendar day in the organisation's zone (see `calendar/`); one without keeps its date as written.
 */

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Day number of `YYYY-MM-DD` or `YYYY-MM-DDT…` in the zone; NaN for anything else (including 2026-02-30). */
export function dayNumber(iso: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const written = writtenDayNumber(iso)
  return iso.length > 10 && !Number.isNaN(written) ? calendarDayOf(iso, timeZone) : written
}

function writtenDayNumber(iso: string): number {
  if (iso.length < 10 || iso.charCodeAt(4) !== 45 || iso.charCodeAt(7) !== 45) return Number.NaN
  if (iso.length > 10 && iso.charCodeAt(10) !== 84) return Number.NaN
  // Unrolled digit reads: this runs once per order, and a loop here doubles the cost of a cold run.
  const y0 = iso.charCodeAt(0) - 48
  const y1 = iso.charCodeAt(1) - 48
  const y2 = iso.charCodeAt(2) - 48
  const y3 = iso.charCodeAt(3) - 48
  const m0 = iso.charCodeAt(5) - 48
  const m1 = iso.charCodeAt(6) - 48
  const d0 = iso.charCodeAt(8) - 48
  const d1 = iso.charCodeAt(9) - 48
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9) return Number.NaN
  if (m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return Number.NaN
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const month = m0 * 10 + m1
  const day = d0 * 10 + d1
  if (month < 1 || month > 12 || day < 1 || (day > 28 && day > daysInMonth(year, month))) return Number.NaN
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468
}

/** `YYYY-MM-DD` of a day number. */
export function isoDateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10)
}

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

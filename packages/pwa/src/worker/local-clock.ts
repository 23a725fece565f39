import { DEFAULT_TIME_ZONE, wallClockAt } from '@outrider/domain'
import type { LocalClock } from './insights-types.ts'

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * The organisation's date, weekday and minute of the day at `atMs` (default: now), in its time zone:
 * opening hours, plans and "today" are the organisation's, not those of the zone a phone is set to.
 * The page calls it and posts the result; the worker never reads a clock of its own.
 */
export function organisationClock(
  timeZone: string = DEFAULT_TIME_ZONE,
  atMs: number = Date.now(),
): LocalClock {
  return wallClockAt(atMs, timeZone)
}

/** 510 → "08:30". */
export function formatMinute(minute: number): string {
  const m = Math.max(0, Math.round(minute))
  return `${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}`
}

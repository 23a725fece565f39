import { DEFAULT_TIME_ZONE, zoneOffsetMinutes } from '../calendar/time-zone.ts'
import type { GeoPoint, OpeningHours } from '../model/index.ts'
import { haversineMeters } from './geo-distance.ts'

/** How far from the customer's address a check-in may be before it is flagged, unless the policy says. */
export const DEFAULT_CHECK_IN_RADIUS_M = 300

export type CheckInFlag =
  | { kind: 'far'; distanceM: number; radiusM: number }
  | { kind: 'closed'; minuteOfDay: number; weekday: number }

export interface CheckInInput {
  /** When the rep checked in (ISO instant). */
  at: string
  gps: GeoPoint | null
  customer: { location: GeoPoint | null; openingHours?: OpeningHours | null | undefined }
  /** The policy's radius in metres (absent: the default). */
  radiusM?: number | undefined
  /** The organisation's zone, which the opening hours are in (absent: Asia/Shanghai). */
  timeZone?: string | undefined
}

/** Weekday (0 = Sunday) and minute of the day of an instant in a zone. */
export function localTime(at: string, timeZone: string = DEFAULT_TIME_ZONE) {
  const ms = Date.parse(at)
  const local = new Date(ms + zoneOffsetMinutes(timeZone, ms) * 60_000)
  return { weekday: local.getUTCDay(), minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes() }
}

/**
 * Whether the shop is open at `at` by its opening hours; null when the hours are unknown (no day has
 * any window: nobody entered them, which is not the same as closed all week).
 */
export function openAt(
  hours: OpeningHours | null | undefined,
  at: string,
  timeZone?: string,
): boolean | null {
  if (!hours || hours.every((day) => day.length === 0) || Number.isNaN(Date.parse(at))) return null
  const { weekday, minuteOfDay } = localTime(at, timeZone)
  return (hours[weekday] ?? []).some((w) => minuteOfDay >= w.open && minuteOfDay < w.close)
}

/**
 * What a check-in should make the rep (before saving) and the supervisor (in review) look at: farther
 * from the customer's address than the policy's radius, or at a time the shop is closed.
 */
export function checkInFlags(input: CheckInInput): { distanceM: number | null; flags: CheckInFlag[] } {
  const flags: CheckInFlag[] = []
  const { gps, customer } = input
  const radiusM = input.radiusM ?? DEFAULT_CHECK_IN_RADIUS_M
  const distanceM = gps && customer.location ? Math.round(haversineMeters(gps, customer.location)) : null
  if (distanceM !== null && distanceM > radiusM) flags.push({ kind: 'far', distanceM, radiusM })
  if (openAt(customer.openingHours, input.at, input.timeZone) === false)
    flags.push({ kind: 'closed', ...localTime(input.at, input.timeZone) })
  return { distanceM, flags }
}

import { type CheckInFlag, checkInFlags, type OpeningHours } from '@outrider/domain'

export type VisitFlag =
  | CheckInFlag
  | { kind: 'poorGps'; accuracyM: number }
  | { kind: 'clockSkew'; minutes: number }

export const POOR_ACCURACY_METERS = 100
export const CLOCK_SKEW_MINUTES = 10

export interface FlagInput {
  checkInAt: string
  receivedAt?: string | undefined
  checkInGps: { lat: number; lng: number; accuracyM: number } | null
}

export interface VisitCheck {
  /** Metres from the check-in fix to the customer's address, or null when either is unknown. */
  distanceM: number | null
  flags: VisitFlag[]
}

/** The customer as the check-in rule reads it. */
export type FlagCustomer = {
  location: { lat: number; lng: number } | null
  openingHours?: OpeningHours | null
}

/**
 * What a reviewer should look at in a check-in: what the rep was warned of when checking in (farther
 * than the policy radius from the customer, the shop closed by its opening hours: the domain's
 * `checkInFlags`), a fix too coarse to tell, or a device clock that disagrees with when the server
 * received the visit (a back-dated or offline-edited visit). A visit uploaded after a long offline
 * stretch is not skewed: `receivedAt` is later, not earlier, so only the size of the gap in either
 * direction counts, and reviewers see the minutes.
 */
export function checkVisit(
  visit: FlagInput,
  customer: FlagCustomer | null,
  policy: { checkInRadiusM?: number | undefined; timeZone?: string | undefined } = {},
): VisitCheck {
  const gps = visit.checkInGps
  const { distanceM, flags } = checkInFlags({
    at: visit.checkInAt,
    gps,
    customer: customer ?? { location: null },
    radiusM: policy.checkInRadiusM,
    timeZone: policy.timeZone,
  })
  const all: VisitFlag[] = [...flags]
  if (gps && gps.accuracyM > POOR_ACCURACY_METERS)
    all.push({ kind: 'poorGps', accuracyM: Math.round(gps.accuracyM) })
  if (visit.receivedAt) {
    const gap = Math.abs(Date.parse(visit.receivedAt) - Date.parse(visit.checkInAt)) / 60_000
    if (Number.isFinite(gap) && gap > CLOCK_SKEW_MINUTES)
      all.push({ kind: 'clockSkew', minutes: Math.round(gap) })
  }
  return { distanceM, flags: all }
}

/** Whole minutes between check-in and check-out, or null while the visit is open or times are bad. */
export function visitMinutes(checkInAt: string, checkOutAt: string | null): number | null {
  if (!checkOutAt) return null
  const m = (Date.parse(checkOutAt) - Date.parse(checkInAt)) / 60_000
  return Number.isFinite(m) && m >= 0 ? Math.round(m) : null
}

/**
 * Offsets in metres (east, north) of `point` from `origin`, for drawing a small local sketch; an
 * equirectangular approximation is exact enough over a few kilometres.
 */
export function localOffsetMeters(
  origin: { lat: number; lng: number },
  point: { lat: number; lng: number },
): { east: number; north: number } {
  const r = 6_371_000
  const rad = Math.PI / 180
  return {
    east: (point.lng - origin.lng) * rad * r * Math.cos(origin.lat * rad),
    north: (point.lat - origin.lat) * rad * r,
  }
}

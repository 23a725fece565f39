import { logFailure } from '../../platform/log-failure.ts'
import type { TodayPlan } from '../../worker/insights-types.ts'
import type { DocStop } from './day-plan-stops.ts'

/**
 * The day plan holds still: it is computed once (or when the rep re-plans, adds or removes a stop),
 * stored, and a later proposal of the background analysis only replaces it when the rep accepts.
 * What the stored day plan record lacks (the planner's legs, the lunch break) is kept on the device
 * beside it, per user and day, so a reopened plan shows exactly what was adopted.
 */
export type Leg = { minutes: number; km: number }
export type HeldExtras = {
  date: string
  /** The stop order these legs belong to (a re-plan on another device may have changed it). */
  ids: string[]
  legs: (Leg | null)[]
  lunch: { start: number; end: number } | null
  endArrive: number | null
  /** The signature of a proposal the rep declined: it is not offered again. */
  declined: string | null
}

/** Cleared on sign-out by auth/session.ts, with the other per-user start-up copies. */
const PREFIX = 'outrider.plan.'

/**
 * Whether a stored value has the shape this version saves. Only this device wrote it, so the check is
 * of the shape, not of every value: an older or damaged copy is simply not used.
 */
function isHeldExtras(v: unknown): v is HeldExtras {
  if (typeof v !== 'object' || v === null) return false
  const o: Record<string, unknown> = { ...v }
  return (
    typeof o.date === 'string' &&
    Array.isArray(o.ids) &&
    Array.isArray(o.legs) &&
    (o.lunch === null || typeof o.lunch === 'object') &&
    (o.endArrive === null || typeof o.endArrive === 'number') &&
    (o.declined === null || typeof o.declined === 'string')
  )
}

export function loadHeld(userId: string, date: string): HeldExtras | null {
  let held: unknown
  try {
    held = JSON.parse(localStorage.getItem(PREFIX + userId) ?? 'null')
  } catch (err) {
    // A damaged copy only costs the planner's legs: they are estimated from the map instead.
    logFailure('the held day plan extras are unreadable; estimating the legs instead')(err)
    return null
  }
  return isHeldExtras(held) && held.date === date ? held : null
}

export function saveHeld(userId: string, extras: HeldExtras): void {
  try {
    localStorage.setItem(PREFIX + userId, JSON.stringify(extras))
  } catch {
    // A full storage only costs the planner's legs: they are estimated from the map instead.
  }
}

/** What to keep beside a plan the rep adopted. */
export function extrasOf(plan: TodayPlan, ids: readonly string[], declined: string | null): HeldExtras {
  const byId = new Map(plan.stops.map((s) => [s.customerId, s]))
  return {
    date: plan.date,
    ids: [...ids],
    legs: ids.map((id) => {
      const s = byId.get(id)
      return s ? { minutes: s.travelMinutes, km: s.travelKm } : null
    }),
    lunch: plan.lunch,
    endArrive: plan.endArrive,
    declined,
  }
}

/**
 * A stop whose customer was visited today is ticked off where it is (never dropped or moved), with
 * the visit that did it; a stop the rep skipped stays skipped.
 */
export function tickVisited(stops: readonly DocStop[], visitedToday: ReadonlyMap<string, string>): DocStop[] {
  return stops.map((s) => {
    const visitId = visitedToday.get(s.customerId)
    return s.status === 'planned' && visitId ? { ...s, status: 'done' as const, visitId } : s
  })
}

export const signatureOf = (ids: readonly string[]) => ids.join(',')

export type RouteOffer = { signature: string; savesMinutes: number; addedStops: number }

/**
 * Whether a fresh proposal is worth offering instead of the held plan: only before any stop is done
 * or skipped, only when it differs, and only when it is better for the rep: more visits, or the same
 * visits for at least `minSaving` minutes less driving. A proposal the rep declined is not offered again.
 */
export function routeOffer(
  held: { stops: readonly DocStop[]; travelMinutes: number; declined: string | null },
  proposal: TodayPlan,
  minSaving = 5,
): RouteOffer | null {
  if (held.stops.some((s) => s.status !== 'planned')) return null
  const ids = proposal.stops.map((s) => s.customerId)
  const signature = signatureOf(ids)
  if (signature === signatureOf(held.stops.map((s) => s.customerId)) || signature === held.declined)
    return null
  const travel = proposal.stops.reduce((sum, s) => sum + s.travelMinutes, 0)
  const savesMinutes = Math.round(held.travelMinutes - travel)
  const addedStops = ids.length - held.stops.length
  if (addedStops > 0 || (addedStops === 0 && savesMinutes >= minSaving))
    return { signature, savesMinutes, addedStops }
  return null
}

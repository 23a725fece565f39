import type { GeoPoint, OpeningHours } from '@outrider/domain'
import type { Window } from './archetypes.ts'
import { springFestivalPhase, weekday } from './clock.ts'
import type { CustomerPlan } from './customers.ts'
import type { RemoteOrder, VisitRequest } from './visit-requests.ts'

/** A visit placed in a rep's day: check-in minute and how long the rep stayed. */
export type ScheduledVisit = { request: VisitRequest; day: number; start: number; minutes: number }

const DAY_START = 8 * 60 + 30
/** Reps finish the last call by 18:30 (a little overtime past 18:00 happens). */
const DAY_END = 18 * 60 + 30
const MAX_TRIES = 5

/** Planar km (x east, y north) of a point; all reps work between 22°N and 32°N, so one scale is close enough. */
type Km = { x: number; y: number } | null
const toKm = (p: GeoPoint | null | undefined): Km =>
  p ? { x: p.lng * 111.32 * Math.cos((27 * Math.PI) / 180), y: p.lat * 110.574 } : null

function travelMinutes(a: Km, b: Km): number {
  if (!a || !b) return 15
  // City driving: ~1.3× the straight line at ~24 km/h, plus parking.
  return Math.round(5 + Math.sqrt((a.x - b.x) ** 2 + (a.y - b.y) ** 2) * 1.3 * 2.5)
}

function earliestStart(hours: OpeningHours, day: number, arrive: number, minutes: number): number | null {
  for (const win of hours[weekday(day)] ?? []) {
    const start = Math.max(arrive, win.open)
    if (start + minutes <= win.close && start + minutes <= DAY_END) return start
  }
  return null
}

function serviceMinutes(
  plan: CustomerPlan,
  hasOrder: boolean,
  pick: (min: number, max: number) => number,
): number {
  const base: Record<CustomerPlan['buying']['archetype'], readonly [number, number]> = {
    loyal: [30, 45],
    regular: [20, 35],
    occasional: [15, 25],
    lapsing: [20, 30],
    churned: [10, 20],
    new: [25, 40],
    prospect: [15, 30],
  }
  const [min, max] = base[plan.buying.archetype]
  return pick(min, max) + (hasOrder ? 5 : 0)
}

/**
 * Lays each rep's requests into working days: weekends and the Spring Festival week slip to the next working day,
 * then a greedy route takes the stop that can start soonest (open, close by), and what does not fit slips a day.
 * Order visits that never fit become phone orders on their day.
 */
export function scheduleVisits(
  plans: readonly CustomerPlan[],
  homes: readonly (GeoPoint | undefined)[],
  repIndexOf: (c: number) => number,
  requests: readonly VisitRequest[],
  w: Window,
  pick: (min: number, max: number) => number,
): { visits: ScheduledVisit[]; unplaced: RemoteOrder[] } {
  const buckets = homes.map(() => new Map<number, VisitRequest[]>())
  const minutesOf = new Map<VisitRequest, number>()
  for (const r of requests) {
    minutesOf.set(r, serviceMinutes(plans[r.c] as CustomerPlan, r.lines !== null, pick))
    const bucket = buckets[repIndexOf(r.c)]
    if (!bucket) continue
    const list = bucket.get(r.day)
    if (list) list.push(r)
    else bucket.set(r.day, [r])
  }
  const route: Routing = { plans, kmOf: plans.map((p) => toKm(p.customer.location)), minutesOf }
  const visits: ScheduledVisit[] = []
  const unplaced: RemoteOrder[] = []
  const giveUp = (r: VisitRequest): void => {
    if (r.lines) unplaced.push({ c: r.c, day: r.day, lines: r.lines })
  }
  buckets.forEach((bucket, repIndex) => {
    const home = toKm(homes[repIndex])
    for (let day = w.startDay; day <= w.endDay; day++) {
      const todays = bucket.get(day)
      if (!todays) continue
      bucket.delete(day)
      const slip = (r: VisitRequest): void => {
        r.tries++
        if (r.tries > MAX_TRIES || day + 1 > w.endDay) {
          giveUp(r)
          return
        }
        const next = bucket.get(day + 1)
        if (next) next.push(r)
        else bucket.set(day + 1, [r])
      }
      const wd = weekday(day)
      if (wd === 0 || wd === 6 || springFestivalPhase(day).holiday) {
        for (const r of todays) {
          r.tries--
          slip(r)
        }
        continue
      }
      for (const r of routeDay(route, home, day, todays, visits)) slip(r)
    }
    for (const rest of bucket.values()) for (const r of rest) giveUp(r)
  })
  return { visits, unplaced }
}

type Routing = {
  plans: readonly CustomerPlan[]
  kmOf: Km[]
  minutesOf: Map<VisitRequest, number>
}

/**
 * One rep's working day: from home, the greedy route takes the stop that can start soonest (open, close by)
 * and adds it to `visits`; the requests that do not fit are returned.
 */
function routeDay(
  { plans, kmOf, minutesOf }: Routing,
  home: Km,
  day: number,
  todays: VisitRequest[],
  visits: ScheduledVisit[],
): VisitRequest[] {
  const remaining = [...todays]
  let t = DAY_START
  let at: Km = home
  while (remaining.length > 0) {
    let best = -1
    let bestStart = Number.POSITIVE_INFINITY
    for (let i = 0; i < remaining.length; i++) {
      const r = remaining[i] as VisitRequest
      const plan = plans[r.c] as CustomerPlan
      const start = earliestStart(
        plan.customer.openingHours,
        day,
        t + travelMinutes(at, kmOf[r.c] ?? null),
        minutesOf.get(r) ?? 20,
      )
      if (start !== null && start < bestStart) {
        best = i
        bestStart = start
      }
    }
    if (best < 0) break
    const [r] = remaining.splice(best, 1) as [VisitRequest]
    const minutes = minutesOf.get(r) ?? 20
    visits.push({ request: r, day, start: bestStart, minutes })
    t = bestStart + minutes
    at = kmOf[r.c] ?? null
  }
  return remaining
}

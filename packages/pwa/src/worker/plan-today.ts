import {
  type Customer,
  type LatLng,
  type PlanDayInput,
  type PlannedDay,
  planDay,
  replanDay,
} from '@outrider/domain'
import type {
  CustomerInsight,
  InsightsSnapshot,
  LeftOutReason,
  PlanStop,
  ReplanRequest,
  TodayPlan,
} from './insights-types.ts'

/** The planner's search grows with candidates; the most urgent this many are offered to it. */
const MAX_CANDIDATES = 60
const LUNCH = { duration: 30, earliest: 12 * 60, latest: 13 * 60 }

/** Centre of the located customers in the first customer's city: a start when the rep has no home. */
export function cityCentre(customers: readonly Pick<Customer, 'city' | 'location'>[]): LatLng | null {
  const first = customers.find((c) => c.location !== null)
  if (!first) return null
  let lat = 0
  let lng = 0
  let n = 0
  for (const c of customers) {
    if (c.city !== first.city || c.location === null) continue
    lat += c.location.lat
    lng += c.location.lng
    n++
  }
  return { lat: lat / n, lng: lng / n }
}

interface DayInput {
  input: PlanDayInput
  start: LatLng
  startSource: TodayPlan['startSource']
  /** Due customers the planner never saw, with the reason. */
  excluded: { customerId: string; reason: LeftOutReason }[]
}

/** Due customers (overdue or due today) with a location, most urgent first, as planner input. */
function dayInput(
  s: InsightsSnapshot,
  byCustomer: Readonly<Record<string, CustomerInsight>>,
  fromMinute: number,
  include: ReadonlySet<string> = new Set(),
): DayInput | null {
  const live = s.customers.filter((c) => !c.deleted && c.mergedInto === undefined)
  const centre = cityCentre(live)
  const start = s.work.home ?? centre
  if (start === null) return null
  const due = live
    .map((c) => ({ c, i: byCustomer[c.id] }))
    .filter(
      (x): x is { c: Customer; i: CustomerInsight } =>
        x.i !== undefined && (x.i.daysOverdue >= 0 || include.has(x.c.id)),
    )
    .sort(
      (a, b) =>
        Number(include.has(b.c.id)) - Number(include.has(a.c.id)) ||
        b.i.priority - a.i.priority ||
        a.c.id.localeCompare(b.c.id),
    )
  const excluded: DayInput['excluded'] = []
  const customers: PlanDayInput['customers'] = []
  for (const { c, i } of due) {
    if (c.location === null) excluded.push({ customerId: c.id, reason: 'no_location' })
    else if (customers.length >= MAX_CANDIDATES) excluded.push({ customerId: c.id, reason: 'lower_priority' })
    else
      customers.push({
        id: c.id,
        lat: c.location.lat,
        lng: c.location.lng,
        // A stop the rep added outweighs any the planner would pick on its own.
        priority: include.has(c.id) ? 1000 : Math.max(1, i.priority),
        serviceMinutes: i.serviceMinutes,
        windows: (c.openingHours[s.clock.weekday] ?? []).map((w) => ({ open: w.open, close: w.close })),
      })
  }
  const input: PlanDayInput = {
    start,
    workingHours: { start: fromMinute, end: Math.max(fromMinute, s.work.workEnd) },
    customers,
    seed: 1,
    ...(s.work.lunch ? { lunch: LUNCH } : {}),
  }
  return { input, start, startSource: s.work.home ? 'home' : 'city', excluded }
}

function toTodayPlan(
  date: string,
  d: DayInput,
  plan: PlannedDay,
  startSource: TodayPlan['startSource'],
): TodayPlan {
  const stops: PlanStop[] = []
  let lunch: TodayPlan['lunch'] = null
  for (const st of plan.stops) {
    if (st.kind === 'break') lunch = { start: Math.round(st.start), end: Math.round(st.depart) }
    else
      stops.push({
        customerId: st.id,
        arrive: Math.round(st.arrive),
        wait: Math.round(st.wait),
        start: Math.round(st.start),
        depart: Math.round(st.depart),
        travelMinutes: Math.round(st.travelMinutes),
        travelKm: Math.round(st.travelKm * 10) / 10,
      })
  }
  return {
    date,
    start: d.input.start,
    startSource,
    stops,
    lunch,
    leftOut: [
      ...plan.unplanned.map((u) => ({
        customerId: u.id,
        reason: u.reason === 'appointment_conflict' ? ('no_time' as const) : u.reason,
      })),
      ...d.excluded,
    ],
    endArrive: Math.round(plan.end.arrive),
    warnings: plan.warnings,
  }
}

/**
 * Today's proposal: from now (or the start of work, whichever is later) to the end of work, starting
 * at home. Late in the day it shows the whole working day instead, as a preview.
 */
export function planToday(
  s: InsightsSnapshot,
  byCustomer: Readonly<Record<string, CustomerInsight>>,
): TodayPlan | null {
  const { workStart, workEnd } = s.work
  const now = s.clock.nowMinute
  const from = now > workStart && now < workEnd - 120 ? Math.ceil(now / 5) * 5 : workStart
  const d = dayInput(s, byCustomer, from)
  if (d === null) return null
  return toTodayPlan(s.clock.today, d, planDay(d.input), d.startSource)
}

/** The rest of today from here and now; done and skipped stops stay out. */
export function replanToday(
  s: InsightsSnapshot,
  byCustomer: Readonly<Record<string, CustomerInsight>>,
  r: ReplanRequest,
): TodayPlan | null {
  const d = dayInput(s, byCustomer, Math.min(r.nowMinute, s.work.workEnd), new Set(r.include ?? []))
  if (d === null) return null
  const gone = new Set([...r.done, ...r.skipped])
  const { plan } = replanDay(d.input, {
    now: Math.min(r.nowMinute, s.work.workEnd),
    position: r.position,
    done: r.done,
    skipped: r.skipped,
    breakTaken: r.breakTaken,
  })
  const out = toTodayPlan(s.clock.today, { ...d, input: { ...d.input, start: r.position } }, plan, 'here')
  out.leftOut = out.leftOut.filter((l) => !gone.has(l.customerId))
  return out
}

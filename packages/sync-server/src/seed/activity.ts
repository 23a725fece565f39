import type { Order, OrderLine, Product, Rng, User, Visit } from '@outrider/domain'
import type { Window } from './archetypes.ts'
import { instant, isoAt } from './clock.ts'
import type { CustomerPlan } from './customers.ts'
import { type ScheduledVisit, scheduleVisits } from './schedule-visits.ts'
import { prospectingNotes, visitNotes } from './texts.ts'
import { visitRequests } from './visit-requests.ts'

/** A visit with what later generators (complaints, tasks) need. */
export type VisitFacts = { visit: Visit; plan: CustomerPlan; day: number; complaint: boolean }

function gpsNear(rng: Rng, plan: CustomerPlan, at: string): Visit['checkInGps'] {
  const loc = plan.customer.location
  if (!loc || rng.chance(0.04)) return null
  // Most fixes land within their accuracy of the shop; a few are far off (indoors, bad signal, or not there).
  const far = rng.chance(0.03)
  const accuracyM = far ? rng.int(20, 80) : rng.int(5, 50)
  const meters = far ? rng.int(300, 2000) : Math.abs(rng.normal()) * accuracyM * 0.7
  const angle = rng.next() * 2 * Math.PI
  const lat = loc.lat + (meters * Math.cos(angle)) / 110_574
  const lng = loc.lng + (meters * Math.sin(angle)) / (111_320 * Math.cos((loc.lat * Math.PI) / 180))
  return { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6, accuracyM, at }
}

type Outcomes = readonly (readonly [Visit['outcome'], number])[]
const prospectOutcomes: Outcomes = [
  ['interested', 3],
  ['no_need', 3],
  ['not_met', 1.5],
  ['follow_up', 2],
]
const customerOutcomes: Outcomes = [
  ['no_need', 4],
  ['follow_up', 2],
  ['interested', 2],
  ['not_met', 1],
  ['closed', 0.3],
]
/** After a customer stopped buying, visits are win-back attempts that mostly hear "no need". */
const lapsedOutcomes: Outcomes = [
  ['no_need', 6],
  ['follow_up', 2],
  ['interested', 0.5],
  ['not_met', 1],
  ['closed', 0.3],
]
const lapsedSatisfaction = [
  [2, 2],
  [3, 3],
  [4, 1],
] as const

/** Lapsing customers grow unhappy (and complain) in the months before they stop buying. */
function complaintChance(plan: CustomerPlan, day: number): number {
  const b = plan.buying
  if (
    (b.archetype === 'lapsing' || b.archetype === 'churned') &&
    b.ordersUntil !== null &&
    day <= b.ordersUntil &&
    day > b.ordersUntil - 90
  )
    return 0.08
  return b.complaintRate
}

type OrderDraft = { c: number; ms: number; lines: OrderLine[]; visitId: string | null }

export function generateActivity(
  rng: Rng,
  plans: readonly CustomerPlan[],
  reps: readonly User[],
  supervisorOf: Readonly<Record<string, string>>,
  products: readonly Product[],
  w: Window,
): { visits: VisitFacts[]; orders: Order[] } {
  const repIndex = new Map(reps.map((r, i) => [r.id, i]))
  const repIndexOf = (c: number): number => repIndex.get(plans[c]?.customer.ownerRepId ?? '') ?? 0
  const { requests, remote } = visitRequests(rng, plans, products, w)
  const { visits: scheduled, unplaced } = scheduleVisits(
    plans,
    reps.map((r) => r.home),
    repIndexOf,
    requests,
    w,
    (a, b) => rng.int(a, b),
  )
  scheduled.sort((a, b) => a.day - b.day || a.start - b.start || a.request.c - b.request.c)

  const visits: VisitFacts[] = []
  const orderDrafts: OrderDraft[] = []
  scheduled.forEach((s, n) => {
    const plan = plans[s.request.c] as CustomerPlan
    const facts = recordVisit(rng, s, n, plan)
    const supervisor = supervisorOf[plan.customer.teamId ?? '']
    const outMs = Date.parse(facts.visit.checkOutAt ?? facts.visit.checkInAt)
    if (s.day < w.endDay - 3 && supervisor) reviewBy(rng, facts.visit, supervisor, outMs)
    else if (rng.chance(0.6)) facts.visit.review = { status: 'pending' }
    visits.push(facts)
    if (s.request.lines)
      orderDrafts.push({
        c: s.request.c,
        ms: outMs - rng.int(1, Math.min(8, s.minutes - 1)) * 60_000,
        lines: s.request.lines,
        visitId: facts.visit.id,
      })
  })
  for (const r of [...remote, ...unplaced])
    orderDrafts.push({
      c: r.c,
      ms: instant(r.day, rng.int(8 * 60, 21 * 60)) + rng.int(0, 59) * 1000,
      lines: r.lines,
      visitId: null,
    })
  return { visits, orders: finishOrders(orderDrafts, plans) }
}

/** The n-th scheduled visit as the rep recorded it: outcome, satisfaction, GPS fix and notes. */
function recordVisit(rng: Rng, s: ScheduledVisit, n: number, plan: CustomerPlan): VisitFacts {
  const repId = plan.customer.ownerRepId ?? 'u-admin-1'
  const id = `v-${String(n + 1).padStart(6, '0')}`
  const inMs = instant(s.day, s.start) + rng.int(0, 59) * 1000
  const checkInAt = isoAt(inMs)
  const checkOutAt = isoAt(inMs + s.minutes * 60_000)
  const { complaint, outcome, satisfaction } = visitOutcome(rng, plan, s)
  const visit: Visit = {
    id,
    createdAt: checkOutAt,
    updatedAt: checkOutAt,
    revisionOf: id,
    revision: 1,
    authorId: repId,
    customerId: plan.customer.id,
    ownerRepId: repId,
    checkInAt,
    checkOutAt,
    checkInGps: gpsNear(rng, plan, checkInAt),
    purpose: complaint && !s.request.lines && rng.chance(0.5) ? 'complaint' : s.request.purpose,
    notes:
      s.request.purpose === 'prospecting' && outcome !== 'follow_up'
        ? rng.pick(prospectingNotes)
        : rng.pick(visitNotes[outcome]),
    outcome,
    orderLines: s.request.lines ?? [],
    satisfaction,
    complaint: null,
    followUp: null,
    photoIds: [],
  }
  return { visit, plan, day: s.day, complaint }
}

/** Whether the customer complained, how the visit ended and, when asked, how satisfied they were. */
function visitOutcome(rng: Rng, plan: CustomerPlan, s: ScheduledVisit) {
  const b = plan.buying
  const lapsed = b.ordersUntil !== null && s.day > b.ordersUntil
  const complaint = rng.chance(complaintChance(plan, s.day))
  const outcome: Visit['outcome'] = s.request.lines
    ? 'ordered'
    : complaint
      ? 'follow_up'
      : rng.weighted(
          b.archetype === 'prospect' ? prospectOutcomes : lapsed ? lapsedOutcomes : customerOutcomes,
        )
  const asked =
    outcome !== 'not_met' && outcome !== 'closed' && rng.chance(b.archetype === 'prospect' ? 0.4 : 0.7)
  const satisfaction = complaint
    ? rng.int(1, 2)
    : asked
      ? rng.weighted(lapsed ? lapsedSatisfaction : b.satisfaction)
      : null
  return { complaint, outcome, satisfaction }
}

/** The supervisor's review of an older visit: mostly approved, a few commented, the rest not yet. */
function reviewBy(rng: Rng, visit: Visit, supervisor: string, outMs: number): void {
  const r = rng.next()
  if (r < 0.35)
    visit.review = { status: 'approved', by: supervisor, at: isoAt(outMs + rng.int(2, 40) * 3_600_000) }
  else if (r < 0.39)
    visit.review = {
      status: 'commented',
      by: supervisor,
      at: isoAt(outMs + rng.int(2, 40) * 3_600_000),
      comment: rng.pick(['下次拍一下陈列照片', '注意跟进回款', '这家店可以推一下新品']),
    }
}

/** Orders in time order with their ids. */
function finishOrders(drafts: OrderDraft[], plans: readonly CustomerPlan[]): Order[] {
  drafts.sort((a, b) => a.ms - b.ms || a.c - b.c)
  return drafts.map((d, n) => {
    const plan = plans[d.c] as CustomerPlan
    const id = `o-${String(n + 1).padStart(6, '0')}`
    const at = isoAt(d.ms)
    const repId = plan.customer.ownerRepId ?? 'u-admin-1'
    return {
      id,
      createdAt: at,
      updatedAt: at,
      revisionOf: id,
      revision: 1,
      authorId: repId,
      customerId: plan.customer.id,
      ownerRepId: repId,
      visitId: d.visitId,
      orderedAt: at,
      status: 'placed',
      lines: d.lines,
    }
  })
}

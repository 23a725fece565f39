import type { Complaint, Customer, Feedback, Task, Tier, Visit } from '../model/index.ts'
import { resolutionHours, resolvedAt } from '../service/complaint-flow.ts'
import { type AnalyticsResult, analyticsError } from './analytics-error.ts'
import { dayNumber, isoDateOfDay, weekdaysBetween } from './day-number.ts'
import { KpiAccumulator, type KpiSet } from './kpi-accumulator.ts'
import { latestRevisions } from './latest-revisions.ts'
import { sharedOrderWalk } from './shared-order-walk.ts'
import { type KpiOrder, type OrderSums, type OrderWindow, sumOrders } from './sum-orders.ts'
import type { DueVisit } from './visit-coverage.ts'

export type KpiCustomer = Pick<Customer, 'id' | 'ownerRepId' | 'teamId'> &
  Partial<Pick<Customer, 'mergedInto'>>
export type KpiVisit = Pick<
  Visit,
  'id' | 'revisionOf' | 'revision' | 'customerId' | 'checkInAt' | 'satisfaction' | 'complaint'
> &
  Partial<Pick<Visit, 'channel' | 'nps' | 'cancelled'>>
export type KpiComplaint = Pick<Complaint, 'customerId' | 'openedAt' | 'steps'> &
  Partial<Pick<Complaint, 'deleted'>>
export type KpiFeedback = Pick<
  Feedback,
  'revisionOf' | 'revision' | 'customerId' | 'visitId' | 'at' | 'score' | 'recommend' | 'complaint'
>
export type KpiTask = Pick<Task, 'customerId' | 'due' | 'status' | 'doneAt'> &
  Partial<Pick<Task, 'deleted' | 'kind'>>
export type KpiGroupBy = 'rep' | 'team' | 'tier'

export interface KpiInput {
  customers: readonly KpiCustomer[]
  orders: readonly KpiOrder[]
  visits: readonly KpiVisit[]
  feedback: readonly KpiFeedback[]
  tasks?: readonly KpiTask[]
  /**
   * Complaint records. When given, complaint counts and resolution times come from them alone (complaints
   * typed on visits or filed as feedback before complaints were records are then not counted).
   */
  complaints?: readonly KpiComplaint[]
  /** Inclusive ISO dates; the previous period is the same number of days just before `from`. */
  period: { from: string; to: string }
  /** Records after this date are ignored (ISO date or date-time). */
  asOf: string
  groupBy?: KpiGroupBy
  tierOf?: (customerId: string) => Tier | undefined
  /** From `computeDueVisits`, for visit coverage. */
  dueVisits?: readonly DueVisit[]
  /** Working days in the period; default Monday–Friday up to `asOf`. */
  workingDays?: number
  /** Cap on the lifespan of the predicted-CLV model when nobody churns. Default 10 years. */
  maxLifespanYears?: number
}

export interface KpiGroup {
  /** Rep id, team id or tier; `UNASSIGNED` for customers with none. */
  key: string
  kpis: KpiSet
}

export interface KpiReport {
  period: { from: string; to: string }
  previousPeriod: { from: string; to: string }
  workingDays: number
  overall: KpiSet
  /** One entry per rep/team/tier when `groupBy` is given, sorted by key. */
  groups: KpiGroup[]
  /** Records ignored because their customer is unknown or their date is malformed. */
  skipped: number
}

/** Group key of customers without an owner, team or tier (not a valid id, so it cannot collide). */
export const UNASSIGNED = '(unassigned)'

/** The period, as-of day and working days a report covers, checked. */
interface KpiPeriod {
  from: number
  to: number
  prevFrom: number
  asOf: number
  periodDays: number
  workingDays: number
  maxLifespanYears: number
}

function readPeriod(input: KpiInput): AnalyticsResult<KpiPeriod> {
  const from = dayNumber(input.period.from)
  const to = dayNumber(input.period.to)
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) {
    return analyticsError(
      'bad_period',
      `period must be two ISO dates, from ≤ to (got ${input.period.from}..${input.period.to})`,
    )
  }
  const asOf = dayNumber(input.asOf)
  if (Number.isNaN(asOf)) return analyticsError('bad_as_of', `asOf must be an ISO date (got ${input.asOf})`)
  const maxLifespanYears = input.maxLifespanYears ?? 10
  if (!(maxLifespanYears > 0)) return analyticsError('bad_options', 'maxLifespanYears must be positive')
  const periodDays = to - from + 1
  const lastDay = Math.min(to, asOf)
  const workingDays = input.workingDays ?? (lastDay >= from ? weekdaysBetween(from, lastDay) : 0)
  return {
    ok: true,
    value: { from, to, prevFrom: from - periodDays, asOf, periodDays, workingDays, maxLifespanYears },
  }
}

/**
 * Where records count: accumulator 0 is "overall"; customer i also counts in group `groupOf[i]` (> 0)
 * when grouping. Records of a merged-away customer count for the survivor.
 */
class Tally {
  readonly groupKeys: string[] = []
  readonly groupOf: Int32Array
  readonly accs: KpiAccumulator[]
  readonly owner: Int32Array
  readonly #indexOf = new Map<string, number>()
  /** Records ignored because their customer is unknown or their date is malformed. */
  skipped = 0

  constructor(
    input: KpiInput,
    readonly period: KpiPeriod,
  ) {
    const { customers } = input
    const n = customers.length
    for (let i = 0; i < n; i++) this.#indexOf.set(customers[i]!.id, i)
    this.owner = resolveMerges(customers, this.#indexOf)
    this.groupOf = new Int32Array(n)
    const keyOf = groupKeyFn(input)
    if (keyOf !== undefined) {
      const groupIndex = new Map<string, number>()
      for (let i = 0; i < n; i++) {
        const key = keyOf(customers[i]!)
        let g = groupIndex.get(key)
        if (g === undefined) {
          g = this.groupKeys.length + 1
          this.groupKeys.push(key)
          groupIndex.set(key, g)
        }
        this.groupOf[i] = g
      }
    }
    this.accs = Array.from({ length: this.groupKeys.length + 1 }, () => new KpiAccumulator())
  }

  /** Index of the customer a record counts for, or -1 when unknown. */
  readonly customerOf = (id: string | null): number => {
    const i = id === null ? undefined : this.#indexOf.get(id)
    return i === undefined ? -1 : this.owner[i]!
  }

  add(ci: number, f: (acc: KpiAccumulator) => void): void {
    f(this.accs[0]!)
    const g = this.groupOf[ci]!
    if (g > 0) f(this.accs[g]!)
  }

  inPeriod(d: number): boolean {
    return d >= this.period.from && d <= this.period.to && d <= this.period.asOf
  }
}

/** Orders, order days and revenue per customer in the period, the one before and up to as-of. */
function customerOrderSums(input: KpiInput, t: Tally): OrderSums {
  const n = input.customers.length
  const sums: OrderSums = {
    prev: new Uint32Array(n),
    cur: new Uint32Array(n),
    toDate: new Uint32Array(n),
    revenueCur: new Float64Array(n),
    revenueToDate: new Float64Array(n),
    skipped: 0,
  }
  const { from, to, prevFrom, asOf } = t.period
  const window: OrderWindow = { from, to, prevFrom, asOf }
  // When segmentation has just walked these very orders, reuse its dates and customer lookups.
  const walk = sharedOrderWalk(input.orders)
  let slotOwner: Int32Array | undefined
  if (walk !== undefined) {
    slotOwner = new Int32Array(walk.slotIds.length)
    for (let s = 0; s < slotOwner.length; s++) slotOwner[s] = t.customerOf(walk.slotIds[s]!)
  }
  // Corrections are rare: walk the orders as they are, and start over on the newest revisions (without
  // the shared walk, whose positions no longer line up) only if a corrected order shows up.
  if (!sumOrders(input.orders, true, walk, slotOwner, t.customerOf, window, sums)) {
    for (const a of [sums.prev, sums.cur, sums.toDate, sums.revenueCur, sums.revenueToDate]) a.fill(0)
    sums.skipped = 0
    sumOrders(latestRevisions(input.orders), false, undefined, undefined, t.customerOf, window, sums)
  }
  t.skipped += sums.skipped
  return sums
}

/** Buyers, repeat buyers, retention and revenue of each surviving customer, into its accumulators. */
function rollUpCustomers(input: KpiInput, t: Tally, sums: OrderSums): void {
  const { prev: ordersPrev, cur: ordersCur, toDate: ordersToDate, revenueCur, revenueToDate } = sums
  const rollUp = (a: KpiAccumulator, i: number, c: KpiCustomer): void => {
    a.customers++
    if (c.ownerRepId !== null) a.reps.add(c.ownerRepId)
    if (ordersToDate[i]! > 0) {
      a.everBuyers++
      a.revenueToDate += revenueToDate[i]!
    }
    const cur = ordersCur[i]!
    if (cur > 0) {
      a.buyers++
      a.orders += cur
      a.revenue += revenueCur[i]!
      if (cur >= 2) a.repeatBuyers++
    }
    if (ordersPrev[i]! > 0) {
      a.prevBuyers++
      if (cur > 0) a.retained++
    }
  }
  const overall = t.accs[0]!
  for (let i = 0; i < input.customers.length; i++) {
    if (t.owner[i] !== i) continue
    const c = input.customers[i]!
    rollUp(overall, i, c)
    const g = t.groupOf[i]!
    if (g > 0) rollUp(t.accs[g]!, i, c)
  }
}

/**
 * Ratings, recommendations and (without complaint records) complaints and their resolution from
 * feedback; returns the visits a complaint was filed about, so the visit's own note is not counted twice.
 */
function tallyFeedback(input: KpiInput, t: Tally): Set<string> {
  const records = input.complaints !== undefined
  const filedVisitIds = new Set<string>()
  for (const f of latestRevisions(input.feedback)) {
    const ci = t.customerOf(f.customerId)
    const d = dayNumber(f.at)
    if (ci < 0 || Number.isNaN(d)) {
      t.skipped++
      continue
    }
    if (f.complaint !== null && f.visitId !== null) filedVisitIds.add(f.visitId)
    const resolved = records ? null : (f.complaint?.resolvedAt ?? null)
    if (resolved !== null && t.inPeriod(dayNumber(resolved))) {
      const hours = (Date.parse(resolved) - Date.parse(f.at)) / 3_600_000
      if (hours >= 0) t.add(ci, (a) => a.resolutionHours.push(hours))
    }
    if (!t.inPeriod(d)) continue
    countFeedback(t.accs[0]!, f, records)
    const g = t.groupOf[ci]!
    if (g > 0) countFeedback(t.accs[g]!, f, records)
  }
  return filedVisitIds
}

/** Complaints opened, and resolution times of those resolved, in the period (complaint records). */
function tallyComplaints(input: KpiInput, t: Tally): void {
  for (const c of input.complaints ?? []) {
    const ci = t.customerOf(c.customerId)
    const d = dayNumber(c.openedAt)
    if (ci < 0 || Number.isNaN(d)) {
      t.skipped++
      continue
    }
    if (c.deleted === true) continue
    if (t.inPeriod(d)) t.add(ci, (a) => a.complaints++)
    const at = resolvedAt(c)
    const hours = resolutionHours(c)
    if (at !== null && hours !== null && t.inPeriod(dayNumber(at)))
      t.add(ci, (a) => a.resolutionHours.push(hours))
  }
}

/** Visits and contacts in the period, with their ratings and (without records) typed complaints. */
function tallyVisits(input: KpiInput, t: Tally, filedVisitIds: ReadonlySet<string>): void {
  const records = input.complaints !== undefined
  for (const v of latestRevisions(input.visits)) {
    if (v.cancelled === true) continue
    const ci = t.customerOf(v.customerId)
    const d = dayNumber(v.checkInAt)
    if (ci < 0 || Number.isNaN(d)) {
      t.skipped++
      continue
    }
    if (!t.inPeriod(d)) continue
    const complained =
      !records &&
      v.complaint !== null &&
      v.complaint.trim() !== '' &&
      !filedVisitIds.has(v.id) &&
      !filedVisitIds.has(v.revisionOf)
    countVisit(t.accs[0]!, v, complained)
    const g = t.groupOf[ci]!
    if (g > 0) countVisit(t.accs[g]!, v, complained)
  }
}

/** Visits owed in the period, and those made on time. */
function tallyDueVisits(input: KpiInput, t: Tally): void {
  for (const due of input.dueVisits ?? []) {
    const ci = t.customerOf(due.customerId)
    const d = dayNumber(due.due)
    if (ci < 0 || Number.isNaN(d)) {
      t.skipped++
      continue
    }
    if (!t.inPeriod(d)) continue
    t.add(ci, (a) => {
      a.due++
      if (due.onTime) a.dueOnTime++
    })
  }
}

/** Tasks (and care tasks) due in the period, and those done by their day. */
function tallyTasks(input: KpiInput, t: Tally): void {
  for (const task of input.tasks ?? []) {
    const d = dayNumber(task.due)
    if (task.deleted === true || task.status === 'cancelled' || !t.inPeriod(d)) continue
    const onTime = task.status === 'done' && task.doneAt !== null && dayNumber(task.doneAt) <= d
    const ci = t.customerOf(task.customerId)
    // Tasks without a known customer still count overall.
    const care = task.kind === 'care'
    const count = (a: KpiAccumulator): void => {
      a.tasksDue++
      if (onTime) a.tasksOnTime++
      if (care) {
        a.careDue++
        if (onTime) a.careOnTime++
      }
    }
    if (ci < 0) count(t.accs[0]!)
    else t.add(ci, count)
  }
}

/**
 * Retention, repeat purchase, order value, lifetime value, satisfaction, complaints, visit coverage and
 * visit rate for a period, overall and per rep, team or tier. Every record is attributed through its
 * customer (current owner, team and tier); records of a merged-away customer count for the survivor.
 * One pass over each list; orders are summed per customer in typed arrays and rolled up at the end.
 */
export function computeKpis(input: KpiInput): AnalyticsResult<KpiReport> {
  const period = readPeriod(input)
  if (!period.ok) return period
  const p = period.value
  const t = new Tally(input, p)
  rollUpCustomers(input, t, customerOrderSums(input, t))
  const filedVisitIds = tallyFeedback(input, t)
  tallyComplaints(input, t)
  tallyVisits(input, t, filedVisitIds)
  tallyDueVisits(input, t)
  tallyTasks(input, t)

  const kpisOf = (a: KpiAccumulator): KpiSet => a.toKpis(p.periodDays, p.workingDays, p.maxLifespanYears)
  return {
    ok: true,
    value: {
      period: { from: isoDateOfDay(p.from), to: isoDateOfDay(p.to) },
      previousPeriod: { from: isoDateOfDay(p.prevFrom), to: isoDateOfDay(p.from - 1) },
      workingDays: p.workingDays,
      overall: kpisOf(t.accs[0]!),
      groups: t.groupKeys
        .map((key, i) => ({ key, kpis: kpisOf(t.accs[i + 1]!) }))
        .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)),
      skipped: t.skipped,
    },
  }
}

/** A visit on site, or a contact logged by phone, WeChat, SMS, e-mail or otherwise. */
function countVisit(a: KpiAccumulator, v: KpiVisit, complained: boolean): void {
  if (v.channel === undefined || v.channel === 'visit') a.visits++
  else a.contacts++
  if (v.satisfaction !== null) {
    a.satisfactionSum += v.satisfaction
    a.satisfactionCount++
  }
  if (typeof v.nps === 'number') recommend(a, v.nps)
  if (complained) a.complaints++
}

function recommend(a: KpiAccumulator, score: number): void {
  a.recommendCount++
  if (score >= 9) a.promoters++
  else if (score <= 6) a.detractors++
}

function countFeedback(a: KpiAccumulator, f: KpiFeedback, records: boolean): void {
  if (f.score !== null) {
    a.satisfactionSum += f.score
    a.satisfactionCount++
  }
  if (f.recommend !== null) recommend(a, f.recommend)
  if (f.complaint !== null && !records) a.complaints++
}

function groupKeyFn(input: KpiInput): ((c: KpiCustomer) => string) | undefined {
  switch (input.groupBy) {
    case 'rep':
      return (c) => c.ownerRepId ?? UNASSIGNED
    case 'team':
      return (c) => c.teamId ?? UNASSIGNED
    case 'tier': {
      const tierOf = input.tierOf
      return (c) => tierOf?.(c.id) ?? UNASSIGNED
    }
    default:
      return undefined
  }
}

/** Index of the customer each record finally belongs to, following `mergedInto` chains (cycles stop). */
function resolveMerges(customers: readonly KpiCustomer[], indexOf: Map<string, number>): Int32Array {
  const owner = new Int32Array(customers.length)
  for (let i = 0; i < customers.length; i++) {
    let at = i
    for (let hops = 0; hops < 16; hops++) {
      const next = customers[at]!.mergedInto
      const j = next === undefined ? undefined : indexOf.get(next)
      if (j === undefined || j === i) break
      at = j
    }
    owner[i] = at
  }
  return owner
}

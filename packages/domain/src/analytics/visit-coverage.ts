import type { ServicePolicy, Tier, Visit } from '../model/index.ts'
import { type AnalyticsResult, analyticsError } from './analytics-error.ts'
import { dayNumber, isoDateOfDay } from './day-number.ts'
import { type Kpi, ratioKpi } from './kpi.ts'
import { latestRevisions } from './latest-revisions.ts'

/** One time a customer was due for a visit, and whether a visit came by then. */
export interface DueVisit {
  customerId: string
  /** ISO date the visit was due. */
  due: string
  /** Last visit in the window ending at `due`, or null when the window had none. */
  visitedAt: string | null
  onTime: boolean
}

export interface DueVisitInput {
  customers: readonly { id: string }[]
  visits: readonly (Pick<Visit, 'revisionOf' | 'revision' | 'customerId' | 'checkInAt'> &
    Partial<Pick<Visit, 'cancelled'>>)[]
  /** Days between visits for this customer (from the service policy); null/undefined = no schedule. */
  cadenceDaysOf: (customerId: string) => number | null | undefined
  period: { from: string; to: string }
  asOf: string
}

/**
 * Due visit occurrences in the period. A customer is due `cadence` days after their last visit; a visit
 * on or before that day covers it and restarts the clock, a miss restarts it from the due day. A
 * customer with no visit before the period is first due one cadence after the period starts.
 * Occurrences due after `asOf` are left out: they cannot be judged yet.
 */
export function computeDueVisits(input: DueVisitInput): AnalyticsResult<DueVisit[]> {
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
  const last = Math.min(to, asOf)

  const daysOf = new Map<string, number[]>()
  for (const v of latestRevisions(input.visits)) {
    if (v.cancelled === true) continue
    const d = dayNumber(v.checkInAt)
    if (Number.isNaN(d) || d > asOf) continue
    const list = daysOf.get(v.customerId)
    if (list === undefined) daysOf.set(v.customerId, [d])
    else list.push(d)
  }

  const out: DueVisit[] = []
  for (const { id } of input.customers) {
    const cadence = input.cadenceDaysOf(id)
    if (cadence === null || cadence === undefined || !(cadence >= 1)) continue
    const days = (daysOf.get(id) ?? []).sort((a, b) => a - b)
    let k = 0
    while (k < days.length && days[k]! < from) k++
    let due = k > 0 ? days[k - 1]! + cadence : from + cadence - 1
    while (due <= last) {
      let visited = -1
      while (k < days.length && days[k]! <= due) visited = days[k++]!
      if (due >= from) {
        out.push({
          customerId: id,
          due: isoDateOfDay(due),
          visitedAt: visited >= 0 ? isoDateOfDay(visited) : null,
          onTime: visited >= 0,
        })
      }
      due = (visited >= 0 ? visited : due) + cadence
    }
  }
  return { ok: true, value: out }
}

/** Cadence per customer from the policy: the tier's `visitEveryDays`, or a segment override. */
export function cadenceDaysFromPolicy(
  policy: Pick<ServicePolicy, 'tiers' | 'segmentOverrides'>,
  tierOf: (customerId: string) => Tier | undefined,
  segmentOf?: (customerId: string) => string | undefined,
): (customerId: string) => number | null {
  return (customerId) => {
    const segment = segmentOf?.(customerId)
    const override = segment === undefined ? undefined : policy.segmentOverrides[segment]
    if (override !== undefined) return override.visitEveryDays
    const tier = tierOf(customerId)
    return tier === undefined ? null : policy.tiers[tier].visitEveryDays
  }
}

/** Visit coverage (on-time share of due visits) per tier. */
export function visitCoverageByTier(
  dueVisits: readonly DueVisit[],
  tierOf: (customerId: string) => Tier | undefined,
): Record<Tier, Kpi> {
  const due = { A: 0, B: 0, C: 0 }
  const done = { A: 0, B: 0, C: 0 }
  for (const d of dueVisits) {
    const tier = tierOf(d.customerId)
    if (tier === undefined) continue
    due[tier]++
    if (d.onTime) done[tier]++
  }
  return { A: ratioKpi(done.A, due.A), B: ratioKpi(done.B, due.B), C: ratioKpi(done.C, due.C) }
}

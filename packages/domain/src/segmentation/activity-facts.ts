import { calendarDayOf } from '../calendar/calendar-day.ts'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'
import type { PurchaseTable } from './purchase-table.ts'

/** What segmentation reads of a visit (a domain `Visit` fits). */
export interface VisitFact {
  customerId: string
  checkInAt: string
  satisfaction?: number | null
  revisionOf?: string
  revision?: number
  /** A cancelled visit (its latest revision says so) is no visit. */
  cancelled?: boolean | undefined
}

/** What segmentation reads of feedback (a domain `Feedback` fits). */
export interface FeedbackFact {
  customerId: string
  at: string
  score?: number | null
  complaint?: { status: 'open' | 'in_progress' | 'resolved' } | null
  revisionOf?: string
  revision?: number
}

/** Visit and feedback facts per customer index. */
export interface ActivityFacts {
  visits: Int32Array
  /** Visits followed by an order within the response window (same day included). */
  answeredVisits: Int32Array
  /** Day number of the last visit, or NaN. */
  lastVisitDay: Float64Array
  openComplaints: Int32Array
  ratingSum: Float64Array
  ratingCount: Int32Array
}

/** Table index of the customer of each visit and each rating (-1 for none), by position in their lists. */
export interface ActivityCustomers {
  visits: Int32Array
  feedback: Int32Array
}

/** Append-only records are corrected by new revisions: keep the highest of each (corrections are rare). */
function latestRevisions<T extends { revisionOf?: string; revision?: number }>(
  records: readonly T[],
): readonly T[] {
  const newest = new Map<string, number>()
  for (const r of records) {
    const rev = r.revision ?? 1
    if (rev > 1 && r.revisionOf !== undefined && rev > (newest.get(r.revisionOf) ?? 0))
      newest.set(r.revisionOf, rev)
  }
  if (newest.size === 0) return records
  return records.filter((r) => {
    const top = r.revisionOf === undefined ? undefined : newest.get(r.revisionOf)
    return top === undefined || top === (r.revision ?? 1)
  })
}

/** Whether the customer has an order on a day in [from, to] (order days are sorted per customer). */
function orderBetween(table: PurchaseTable, c: number, from: number, to: number): boolean {
  let lo = table.orderStart[c] as number
  let hi = table.orderStart[c + 1] as number
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((table.orderDay[mid] as number) < from) lo = mid + 1
    else hi = mid
  }
  return lo < (table.orderStart[c + 1] as number) && (table.orderDay[lo] as number) <= to
}

/**
 * Aggregates visits and feedback up to the as-of day per customer; records of customers outside
 * `index`, with unreadable dates or dated after as-of are skipped (they are not history yet).
 * `customerAt`, when given, already holds each record's table index, saving the lookups in `index`.
 */
export function activityFacts(
  table: PurchaseTable,
  index: ReadonlyMap<string, number>,
  visits: readonly VisitFact[],
  feedback: readonly FeedbackFact[],
  responseWindowDays: number,
  customerAt?: ActivityCustomers,
  timeZone: string = DEFAULT_TIME_ZONE,
): ActivityFacts {
  const n = table.customerIds.length
  const out: ActivityFacts = {
    visits: new Int32Array(n),
    answeredVisits: new Int32Array(n),
    lastVisitDay: new Float64Array(n).fill(Number.NaN),
    openComplaints: new Int32Array(n),
    ratingSum: new Float64Array(n),
    ratingCount: new Int32Array(n),
  }
  const asOfDay = table.asOfDay
  const visitList = latestRevisions(visits)
  // Positions only line up while no record was dropped as superseded.
  const visitAt = visitList === visits ? customerAt?.visits : undefined
  for (let i = 0; i < visitList.length; i++) {
    const v = visitList[i] as VisitFact
    const c = visitAt === undefined ? (index.get(v.customerId) ?? -1) : (visitAt[i] as number)
    if (c < 0 || v.cancelled === true) continue
    const day = calendarDayOf(v.checkInAt, timeZone)
    if (!(day <= asOfDay)) continue
    out.visits[c] = (out.visits[c] as number) + 1
    if (orderBetween(table, c, day, day + responseWindowDays))
      out.answeredVisits[c] = (out.answeredVisits[c] as number) + 1
    const last = out.lastVisitDay[c] as number
    if (Number.isNaN(last) || day > last) out.lastVisitDay[c] = day
    rate(out, c, v.satisfaction)
  }
  const feedbackList = latestRevisions(feedback)
  const feedbackAt = feedbackList === feedback ? customerAt?.feedback : undefined
  for (let i = 0; i < feedbackList.length; i++) {
    const f = feedbackList[i] as FeedbackFact
    const c = feedbackAt === undefined ? (index.get(f.customerId) ?? -1) : (feedbackAt[i] as number)
    if (c < 0) continue
    const day = calendarDayOf(f.at, timeZone)
    if (!(day <= asOfDay)) continue
    const status = f.complaint?.status
    if (status === 'open' || status === 'in_progress')
      out.openComplaints[c] = (out.openComplaints[c] as number) + 1
    rate(out, c, f.score)
  }
  return out
}

function rate(out: ActivityFacts, c: number, score: number | null | undefined): void {
  if (typeof score === 'number' && score >= 1 && score <= 5) {
    out.ratingSum[c] = (out.ratingSum[c] as number) + score
    out.ratingCount[c] = (out.ratingCount[c] as number) + 1
  }
}

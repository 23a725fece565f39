import {
  type Complaint,
  complaintState,
  type MonthTargets,
  type Order,
  type ServicePolicy,
  type Team,
  type Visit,
} from '@outrider/domain'
import { localDay, monthOf } from './clock.ts'

/** Months of history a target is set from (the full months before the current one). */
const MONTHS = 3
/** Targets ask a little more than the months before gave. */
const STRETCH = 1.1

/** Up to the next multiple of 5, as a supervisor would round a target; at least 5. */
const round5 = (n: number): number => Math.max(5, Math.ceil(n / 5) * 5)

/**
 * Monthly targets as a supervisor would set them from the last three full months: visits, logged contacts
 * (calls and WeChat between visits) and orders a tenth above what each rep averaged, 85% of
 * due visits on time, 90% of care tasks on time, and half the complaints each rep has open now (at least
 * two) still open at the month's end. The organisation's and each
 * team's from their reps' average, and the first rep of each team their own (from their own months).
 */
export function demoTargets(
  teams: readonly Team[],
  reps: readonly { id: string; teamId: string }[],
  /** Visits on site and logged contacts (a visit with another channel). */
  visits: readonly Pick<Visit, 'ownerRepId' | 'checkInAt' | 'channel'>[],
  orders: readonly Pick<Order, 'ownerRepId' | 'orderedAt'>[],
  complaints: readonly Pick<Complaint, 'assigneeId' | 'steps'>[],
  asOfMs: number,
): NonNullable<ServicePolicy['targets']> {
  const today = localDay(asOfMs)
  // Local day numbers of the first day of the current month and of MONTHS months before it.
  let monthStart = today
  while (monthOf(monthStart - 1) === monthOf(today)) monthStart--
  let from = monthStart
  for (let m = 0; m < MONTHS; m++) {
    from--
    while (monthOf(from - 1) === monthOf(from)) from--
  }
  const perRep = (records: readonly { ownerRepId?: string | null | undefined; at: string }[]) => {
    const counts = new Map<string, number>()
    for (const r of records) {
      const d = localDay(Date.parse(r.at))
      if (d < from || d >= monthStart || !r.ownerRepId) continue
      counts.set(r.ownerRepId, (counts.get(r.ownerRepId) ?? 0) + 1)
    }
    return counts
  }
  const onSite = (v: Pick<Visit, 'channel'>) => v.channel === undefined || v.channel === 'visit'
  const visitCounts = perRep(
    visits.filter(onSite).map((v) => ({ ownerRepId: v.ownerRepId, at: v.checkInAt })),
  )
  const contactCounts = perRep(
    visits.filter((v) => !onSite(v)).map((v) => ({ ownerRepId: v.ownerRepId, at: v.checkInAt })),
  )
  const orderCounts = perRep(orders.map((o) => ({ ownerRepId: o.ownerRepId, at: o.orderedAt })))
  const openCounts = new Map<string, number>()
  for (const c of complaints) {
    const state = complaintState(c)
    if (c.assigneeId && (state === 'open' || state === 'in_progress'))
      openCounts.set(c.assigneeId, (openCounts.get(c.assigneeId) ?? 0) + 1)
  }
  const targetsOf = (ids: readonly string[]): MonthTargets => {
    const monthly = (counts: Map<string, number>) =>
      ids.length === 0 ? 0 : ids.reduce((sum, id) => sum + (counts.get(id) ?? 0), 0) / ids.length / MONTHS
    const visitsTarget = round5(monthly(visitCounts) * STRETCH)
    return {
      visits: visitsTarget,
      contacts: round5(monthly(contactCounts) * STRETCH),
      orders: round5(monthly(orderCounts) * STRETCH),
      visitCoverage: 0.85,
      careOnTime: 0.9,
      openComplaints: Math.max(
        2,
        Math.ceil(ids.reduce((sum, id) => sum + (openCounts.get(id) ?? 0), 0) / Math.max(1, ids.length) / 2),
      ),
    }
  }
  const byTeam: Record<string, MonthTargets> = {}
  const byRep: Record<string, MonthTargets> = {}
  for (const team of teams) {
    const members = reps.filter((r) => r.teamId === team.id).map((r) => r.id)
    byTeam[team.id] = targetsOf(members)
    if (members[0] !== undefined) byRep[members[0]] = targetsOf([members[0]])
  }
  return { default: targetsOf(reps.map((r) => r.id)), byTeam, byRep }
}

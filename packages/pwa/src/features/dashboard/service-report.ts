import {
  type Complaint,
  type ComplaintState,
  complaintState,
  computeKpis,
  isComplaintOverdue,
  type KpiInput,
  type KpiSet,
  PREDICTED_CLV_MODEL,
} from '@outrider/domain'

export interface ServiceRow {
  key: string
  label: string
  kpis: KpiSet
}

export interface ServiceReport {
  overall: KpiSet | null
  byRep: ServiceRow[]
  byTeam: ServiceRow[]
  byTier: ServiceRow[]
  /** Complaints opened in the period, by their state now and by category; overdue ones right now. */
  complaints: {
    total: number
    byStatus: { state: ComplaintState; count: number }[]
    byCategory: { category: string; count: number }[]
    overdue: number
  }
  predictedClvModel: string
}

const STATES: ComplaintState[] = ['open', 'in_progress', 'resolved', 'closed']

/**
 * Every KPI the engine computes, overall and by rep, team and tier, and the complaint records of the
 * period by state and category (from the records themselves, so the figures follow their handling).
 */
export function serviceReport(
  base: Omit<KpiInput, 'groupBy'>,
  complaints: readonly Complaint[] | undefined,
  names: { rep: (id: string) => string; team: (id: string) => string },
  now: string,
  /** The organisation's calendar day of an instant (the period's days are the organisation's). */
  dayOf: (iso: string) => string,
): ServiceReport {
  const group = (groupBy: 'rep' | 'team' | 'tier', label: (key: string) => string): ServiceRow[] => {
    const r = computeKpis({ ...base, groupBy })
    return r.ok ? r.value.groups.map((g) => ({ key: g.key, label: label(g.key), kpis: g.kpis })) : []
  }
  const overall = computeKpis(base)
  const customerIds = new Set(base.customers.map((c) => c.id))
  const inPeriod = (complaints ?? []).filter(
    (c) =>
      !c.deleted &&
      customerIds.has(c.customerId) &&
      dayOf(c.openedAt) >= base.period.from &&
      dayOf(c.openedAt) <= base.period.to,
  )
  const byCategory = new Map<string, number>()
  for (const c of inPeriod) byCategory.set(c.category, (byCategory.get(c.category) ?? 0) + 1)
  return {
    overall: overall.ok ? overall.value.overall : null,
    byRep: group('rep', names.rep),
    byTeam: group('team', names.team),
    byTier: group('tier', (k) => k),
    complaints: {
      total: inPeriod.length,
      byStatus: STATES.map((state) => ({
        state,
        count: inPeriod.filter((c) => complaintState(c) === state).length,
      })),
      byCategory: [...byCategory]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      overdue: (complaints ?? []).filter(
        (c) => !c.deleted && customerIds.has(c.customerId) && isComplaintOverdue(c, now),
      ).length,
    },
    predictedClvModel: PREDICTED_CLV_MODEL,
  }
}

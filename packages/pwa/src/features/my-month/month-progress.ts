import {
  type Complaint,
  type Customer,
  cadenceDaysFromPolicy,
  complaintState,
  computeDueVisits,
  computeKpis,
  type MonthTargets,
  type Order,
  type ServicePolicy,
  type Task,
  type Tier,
  targetsFor,
  type Visit,
} from '@outrider/domain'

export interface MonthFigure {
  key: 'visits' | 'contacts' | 'orders' | 'coverage' | 'careOnTime' | 'openComplaints'
  value: number | null
  target: number | null
  /** Shares are 0–1; counts are whole numbers. */
  share: boolean
  /** Fewer is better (open complaints). */
  lowerIsBetter: boolean
}

/** The month so far of one rep: what the engine counts, against the targets the supervisor set. */
export function monthProgress(input: {
  repId: string
  /** The rep's team, whose targets apply when the rep has none of their own. */
  teamId: string | null
  today: string
  customers: readonly Customer[]
  visits: readonly Visit[]
  orders: readonly Order[]
  tasks: readonly Task[]
  complaints: readonly Complaint[]
  policy: ServicePolicy
  tierOf: (id: string) => Tier | undefined
  segmentOf: (id: string) => string | undefined
}): MonthFigure[] {
  const period = { from: `${input.today.slice(0, 8)}01`, to: input.today }
  const customers = input.customers.filter((c) => c.ownerRepId === input.repId && !c.deleted)
  const due = computeDueVisits({
    customers,
    visits: input.visits,
    cadenceDaysOf: cadenceDaysFromPolicy(input.policy, input.tierOf, input.segmentOf),
    period,
    asOf: input.today,
  })
  const report = computeKpis({
    customers,
    orders: input.orders,
    visits: input.visits,
    feedback: [],
    tasks: input.tasks,
    complaints: input.complaints,
    period,
    asOf: input.today,
    dueVisits: due.ok ? due.value : [],
  })
  const k = report.ok ? report.value.overall : null
  const open = openComplaintsHandledBy(input.repId, input.complaints, input.customers)
  const targets: MonthTargets | undefined = targetsFor(input.policy, {
    id: input.repId,
    teamId: input.teamId,
  })
  const figure = (
    key: MonthFigure['key'],
    value: number | null,
    target: number | undefined,
    share = false,
    lowerIsBetter = false,
  ): MonthFigure => ({ key, value, target: target ?? null, share, lowerIsBetter })
  return [
    figure('visits', k?.visits ?? 0, targets?.visits),
    figure('contacts', k?.contacts ?? 0, targets?.contacts),
    figure('orders', k?.orders ?? 0, targets?.orders),
    figure('coverage', k?.visitCoverage.value ?? null, targets?.visitCoverage, true),
    figure('careOnTime', k?.careTasksOnTimeRate.value ?? null, targets?.careOnTime, true),
    figure('openComplaints', open, targets?.openComplaints, false, true),
  ]
}

/**
 * Unresolved complaints a rep handles: those assigned to them, whoever's customer it is (a supervisor
 * may hand a complaint to a rep who does not own the customer), and unassigned ones of their own
 * customers. One assigned to someone else is that person's, even on the rep's own customer.
 */
export function openComplaintsHandledBy(
  repId: string,
  complaints: readonly Complaint[],
  customers: readonly Pick<Customer, 'id' | 'ownerRepId'>[],
): number {
  const ownerOf = new Map(customers.map((c) => [c.id, c.ownerRepId]))
  return complaints.filter((c) => {
    if (c.deleted) return false
    const state = complaintState(c)
    if (state !== 'open' && state !== 'in_progress') return false
    const handler = c.assigneeId ?? ownerOf.get(c.customerId) ?? c.ownerRepId ?? null
    return handler === repId
  }).length
}

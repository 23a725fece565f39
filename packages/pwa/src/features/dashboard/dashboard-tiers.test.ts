import {
  type ClassificationThresholds,
  type Customer,
  computePopulationThresholds,
  defaultServicePolicy,
  npsBreakdown,
  type Order,
  type ServicePolicy,
  type Visit,
} from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { teamClasses } from '../../shared/team-segments.ts'
import { customer as aCustomer, visit as aVisit, order } from '../../worker/snapshot.test-helpers.ts'
import { computeDashboard, type DashboardInput, type DashboardReport } from './compute-dashboard.ts'

// A: the buyers holding the first half of the spend; B: the next 30 %.
const policy: ServicePolicy = { ...defaultServicePolicy, tierShares: { a: 0.5, b: 0.3 } }

const customer = (id: string, teamId: string): Customer =>
  aCustomer(id, { teamId, ownerRepId: teamId === 't1' ? 'r1' : 'r2' })
/** A visit of rep r1 where the customer answered "would you recommend us" with 0 and rated delivery 2 of 5. */
const detractorVisit = (customerId: string, checkInAt: string): Visit => ({
  ...aVisit(`v-${customerId}`, customerId, checkInAt),
  authorId: 'r1',
  nps: 0,
  survey: {
    questions: [{ id: 'q-delivery', kind: 'rating', label: { zh: '送货', en: 'Delivery' } }],
    answers: { 'q-delivery': 2 },
  },
})

/** Team t1 (c1 ¥5,000, c2 ¥4,000) among the organisation's small buyers of team t2 (ten of ¥500). */
const customers = [
  customer('c1', 't1'),
  customer('c2', 't1'),
  ...Array.from({ length: 10 }, (_, i) => customer(`s${i}`, 't2')),
]
const smallOrders = Array.from({ length: 10 }, (_, i) =>
  order(`os${i}`, `s${i}`, '2026-03-10T02:00:00Z', 500),
)

function organisationThresholds(orders: Order[], asOf: string): ClassificationThresholds {
  const r = computePopulationThresholds(
    { customers: customers.map(({ id }) => ({ id })), orders },
    policy,
    asOf,
    {
      scope: 'organisation',
      teamId: null,
    },
  )
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

function input(over: Partial<DashboardInput>): DashboardInput {
  return {
    customers,
    orders: [],
    visits: [],
    feedback: [],
    tasks: [],
    reps: [
      { id: 'r1', name: '张三' },
      { id: 'r2', name: '李四' },
    ],
    policy,
    tagRules: [],
    thresholds: null,
    period: { from: '2026-04-01', to: '2026-04-07' },
    teamId: 't1',
    asOf: '2026-04-07',
    ...over,
  }
}

/** The tiers whose NPS row and survey results hold the detractor's answer. */
function tiersWithTheAnswer(report: DashboardReport) {
  return {
    nps: report.service.byTier.filter((r) => npsBreakdown(r.kpis).detractors > 0).map((r) => r.key),
    surveys: (report.surveys?.byTier.groups ?? []).filter((g) => g.surveys > 0).map((g) => g.key),
  }
}

describe('the dashboard’s figures by tier', () => {
  it('count a customer under the tier the synced thresholds give it, not the team’s own ranking', () => {
    const orders = [
      order('o1', 'c1', '2026-03-01T02:00:00Z', 5000),
      order('o2', 'c2', '2026-03-02T02:00:00Z', 4000),
      ...smallOrders,
    ]
    const thresholds = organisationThresholds(orders, '2026-04-07')
    const records = { customers, orders, visits: [], feedback: [], tagRules: [] }
    // The phone's tier (the organisation's thresholds) and the team's own ranking differ for c2.
    expect(teamClasses(records, policy, '2026-04-07', thresholds).get('c2')?.tier).toBe('A')
    const teamOnly = { ...records, customers: customers.slice(0, 2), orders: orders.slice(0, 2) }
    expect(teamClasses(teamOnly, policy, '2026-04-07', null).get('c2')?.tier).toBe('B')

    const report = computeDashboard(
      input({ orders, thresholds, visits: [detractorVisit('c2', '2026-04-03T02:00:00Z')] }),
    )
    expect(tiersWithTheAnswer(report)).toEqual({ nps: ['A'], surveys: ['A'] })
  })

  it('count a customer under its tier today when the period ended earlier', () => {
    // c2 bought ¥100 before the period and ¥3,900 after it: tier C on the period's last day, A today.
    const orders = [
      order('o1', 'c1', '2026-03-01T02:00:00Z', 5000),
      order('o2', 'c2', '2026-03-02T02:00:00Z', 100),
      order('o3', 'c2', '2026-04-15T02:00:00Z', 3900),
      ...smallOrders,
    ]
    const thresholds = organisationThresholds(orders, '2026-04-20')
    const records = { customers, orders, visits: [], feedback: [], tagRules: [] }
    expect(teamClasses(records, policy, '2026-04-07', thresholds).get('c2')?.tier).not.toBe('A')
    expect(teamClasses(records, policy, '2026-04-20', thresholds).get('c2')?.tier).toBe('A')

    const report = computeDashboard(
      input({
        orders,
        thresholds,
        visits: [detractorVisit('c2', '2026-04-03T02:00:00Z')],
        asOf: '2026-04-20',
      }),
    )
    expect(tiersWithTheAnswer(report)).toEqual({ nps: ['A'], surveys: ['A'] })
    // The start and end of the period stay what they say: the tiers of those days.
    expect(report.tierDistribution.find((r) => r.key === 'A')?.end).toBe(1)
  })
})

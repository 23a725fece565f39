import {
  type CustomerFact,
  classifyCustomers,
  computePopulationThresholds,
  defaultServicePolicy,
  type PopulationThresholds,
} from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { computeInsights } from './compute-insights.ts'
import { customer, order, smallSnapshot } from './snapshot.test-helpers.ts'

/** The phone's six customers plus another rep's big spenders: the organisation the server measures. */
function organisation() {
  const phone = smallSnapshot()
  const others = [customer('x1'), customer('x2'), customer('x3')]
  const otherOrders = [
    order('xo1', 'x1', '2026-03-01T03:00:00.000Z', 9000),
    order('xo2', 'x2', '2026-02-01T03:00:00.000Z', 4000),
    order('xo3', 'x3', '2025-12-01T03:00:00.000Z', 150),
    order('xo4', 'x1', '2026-02-10T03:00:00.000Z', 7000),
  ]
  // Zod's optional fields admit `undefined`; the classification reads them the same way.
  const all = {
    customers: [...phone.customers, ...others] as CustomerFact[],
    orders: [...phone.orders, ...otherOrders],
  }
  const measured = computePopulationThresholds(all, defaultServicePolicy, phone.clock.today, {
    scope: 'organisation',
    teamId: null,
  })
  if (!measured.ok) throw new Error(measured.error.message)
  const doc: PopulationThresholds = {
    id: 'thresholds-organisation',
    version: 3,
    computedAt: '2026-03-04T00:00:00.000Z',
    thresholds: measured.value,
    createdAt: '2026-03-01T00:00:00.000Z',
    updatedAt: '2026-03-04T00:00:00.000Z',
  }
  return { phone, all, doc }
}

describe('the phone classifies against the synced population thresholds', () => {
  it('gives each of its customers the tier, segment and score the whole organisation gives them', () => {
    const { phone, all, doc } = organisation()
    const out = computeInsights({ ...phone, thresholds: doc })
    expect(out.classifiedAgainst).toMatchObject({ source: 'server', version: 3, scope: 'organisation' })
    const whole = classifyCustomers(all, defaultServicePolicy, phone.clock.today)
    if (!whole.ok) throw new Error(whole.error.message)
    const mine = new Set(phone.customers.map((c) => c.id))
    const expected = whole.value.profiles
      .filter((p) => mine.has(p.customerId))
      .map((p) => [p.customerId, p.tier, p.segment, p.score])
    const got = Object.values(out.byCustomer).map((c) => [c.id, c.tier, c.segment, c.score])
    expect(got.sort()).toEqual(expected.sort())
    // On its own, the phone would rank its small customers higher than the organisation does.
    const alone = computeInsights(phone)
    expect(alone.byCustomer.c1?.tier).toBe('A')
    expect(out.byCustomer.c1?.tier).not.toBe('A')
  })

  it('moves a customer at once when an order is recorded offline, against the same thresholds', () => {
    const { phone, doc } = organisation()
    const before = computeInsights({ ...phone, thresholds: doc })
    expect(before.byCustomer.c3?.tier).toBe('C')
    const offline = {
      ...phone,
      orders: [...phone.orders, order('new', 'c3', '2026-03-04T01:00:00.000Z', 20_000)],
    }
    const after = computeInsights({ ...offline, thresholds: doc })
    expect(after.byCustomer.c3?.tier).toBe('A')
    expect(after.byCustomer.c3?.score).toBeGreaterThan(before.byCustomer.c3?.score ?? 100)
    expect(after.classifiedAgainst?.version).toBe(3)
  })

  it('without thresholds yet, computes them over its own customers and says so', () => {
    const out = computeInsights(smallSnapshot())
    expect(out.classifiedAgainst).toMatchObject({
      source: 'device',
      version: null,
      scope: 'local',
      customers: 6,
    })
  })
})

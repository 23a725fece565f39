import { describe, expect, it } from 'vitest'
import { computeKpis, type KpiInput } from '../analytics/compute-kpis.ts'
import { customer, order } from '../analytics/records.test-helpers.ts'
import type { Order } from '../model/order.ts'
import { classifyCustomers } from './classify-customers.ts'
import { defaultServicePolicy } from './default-service-policy.ts'

const AS_OF = '2026-03-31'
const customers = [
  customer('a', { ownerRepId: 'rep1' }),
  customer('b', { ownerRepId: 'rep1' }),
  customer('c', { ownerRepId: 'rep2', mergedInto: 'a' }),
]

function orders(): Order[] {
  return [
    order('a', '2026-02-10', 100),
    order('b', '2026-02-11', 50),
    order('a', '2026-03-03', 100),
    order('c', '2026-03-04', 70),
    order('b', '2026-03-05', 30, { status: 'cancelled' }),
    order('x', '2026-03-06', 10), // not a known customer
    { ...order('b', '2026-03-07', 20), orderedAt: '2026-03-07 09:00' }, // segmentation reads it, KPIs do not
    order('b', '2026-03-08', 0), // no line counts for segmentation
    order('a', '2026-04-02', 40), // after as-of
  ]
}

function kpis(list: readonly Order[], groupBy?: KpiInput['groupBy']) {
  const result = computeKpis({
    customers,
    orders: list,
    visits: [],
    feedback: [],
    period: { from: '2026-03-01', to: '2026-03-31' },
    asOf: AS_OF,
    ...(groupBy === undefined ? {} : { groupBy }),
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

function segment(list: readonly Order[]) {
  const result = classifyCustomers(
    { customers: customers.map((c) => ({ id: c.id })), orders: list },
    defaultServicePolicy,
    AS_OF,
  )
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('KPIs after segmentation over the same orders', () => {
  it('are the same as KPIs alone', () => {
    const alone = kpis(orders(), 'rep')
    const list = orders()
    segment(list)
    expect(kpis(list, 'rep')).toEqual(alone)
  })

  it('read again orders changed in between', () => {
    const list = orders()
    segment(list)
    list[0] = { ...(list[0] as Order), orderedAt: '2026-03-09T10:00:00+08:00' }
    ;(list[1] as Order).customerId = 'a'
    ;(list[2] as Order).orderedAt = 'not a date'
    const changed = list.map((o) => ({ ...o }))
    expect(kpis(list, 'rep')).toEqual(kpis(changed, 'rep'))
  })

  it('ignore what segmentation learnt when orders were added since', () => {
    const list = orders()
    segment(list)
    list.push(order('b', '2026-03-10', 5))
    expect(kpis(list)).toEqual(kpis(list.map((o) => ({ ...o }))))
  })
})

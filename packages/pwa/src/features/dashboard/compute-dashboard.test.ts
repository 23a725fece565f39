import { type Customer, defaultServicePolicy, type Order, type Visit } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { computeDashboard, weekOf } from './compute-dashboard.ts'

const customer = (id: string, ownerRepId: string, teamId = 't1') =>
  ({ id, name: id, ownerRepId, teamId, searchKeys: [], tags: [], customFields: {} }) as unknown as Customer
const order = (id: string, customerId: string, orderedAt: string, amount: number) =>
  ({
    id,
    revisionOf: id,
    revision: 1,
    customerId,
    orderedAt,
    status: 'placed',
    visitId: null,
    lines: [{ productId: 'p1', name: '酱油', quantity: 1, unitPrice: amount }],
  }) as unknown as Order
const visit = (
  id: string,
  customerId: string,
  checkInAt: string,
  authorId: string,
  satisfaction: number | null,
) =>
  ({
    id,
    revisionOf: id,
    revision: 1,
    customerId,
    checkInAt,
    authorId,
    satisfaction,
    complaint: null,
    orderLines: [],
  }) as unknown as Visit

describe('computeDashboard', () => {
  const input = {
    customers: [customer('c1', 'r1'), customer('c2', 'r2'), customer('c3', 'r2', 't2')],
    // c2 only starts buying inside the period: it is "none" at the start and a buyer at the end.
    orders: [
      order('o1', 'c1', '2026-03-01T10:00:00Z', 5000),
      order('o2', 'c1', '2026-04-05T10:00:00Z', 4000),
      order('o3', 'c2', '2026-04-06T10:00:00Z', 100),
      order('o4', 'c3', '2026-04-06T10:00:00Z', 100),
    ],
    visits: [
      visit('v1', 'c1', '2026-04-02T04:00:00Z', 'r1', 4),
      visit('v2', 'c2', '2026-04-02T05:00:00Z', 'r2', 2),
      visit('v3', 'c2', '2026-04-03T05:00:00Z', 'r2', null),
    ],
    feedback: [],
    tasks: [],
    reps: [
      { id: 'r1', name: '张三' },
      { id: 'r2', name: '李四' },
    ],
    policy: defaultServicePolicy,
    tagRules: [],
    thresholds: null,
    period: { from: '2026-04-01', to: '2026-04-07' },
    teamId: 't1',
    asOf: '2026-04-07',
  }
  const report = computeDashboard(input)

  it('counts visits per rep per day across the whole period, only for the chosen team', () => {
    expect(report.visitsPerDay).toHaveLength(7)
    const total = (rep: string) => report.visitsPerDay.reduce((s, d) => s + Number(d[rep] ?? 0), 0)
    expect(total('r1')).toBe(1)
    expect(total('r2')).toBe(2)
  })

  it('shows how customers moved between segments from period start to end', () => {
    const seg = report.segmentTransitions
    expect(seg.total).toBe(2)
    expect(seg.counts.none).toBeDefined()
    expect(Object.keys(seg.counts.none ?? {})).not.toContain('none')
  })

  it('ranks sales per rep and averages satisfaction per week', () => {
    expect(report.salesPerRep.map((r) => [r.name, r.revenue])).toEqual([
      ['张三', 4000],
      ['李四', 100],
    ])
    expect(report.satisfaction).toEqual([{ week: weekOf('2026-04-02'), average: 3, answers: 2 }])
  })
})

describe('weekOf', () => {
  it('is the Monday of the week', () => {
    expect(weekOf('2026-04-05')).toBe('2026-03-30')
    expect(weekOf('2026-03-30')).toBe('2026-03-30')
  })
})

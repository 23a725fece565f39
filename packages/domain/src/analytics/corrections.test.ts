import { describe, expect, it } from 'vitest'
import { classifyCustomers } from '../segmentation/classify-customers.ts'
import { defaultServicePolicy } from '../segmentation/default-service-policy.ts'
import type { KpiInput } from './compute-kpis.ts'
import { isCancelled, latestRevisions } from './latest-revisions.ts'
import { customer, kpiReport, line, MARCH, order, visit } from './records.test-helpers.ts'
import { changedFields, nextRevision, revisionHistory } from './revision-history.ts'
import { computeDueVisits } from './visit-coverage.ts'

const customers = [customer('a'), customer('b')]
const kpis = (input: Partial<KpiInput>) => kpiReport({ customers, ...input }).overall

const placed = order('a', '2026-03-10', 100, { id: 'o-a' })
const other = order('b', '2026-03-12', 50, { id: 'o-b' })
const fix = (changes: Parameters<typeof nextRevision<typeof placed>>[1], id = 'o-a-2', reason = '数量填错') =>
  nextRevision([placed], changes, { id, reason, at: '2026-03-11T08:00:00+08:00' })

describe('corrections: the latest revision is the record', () => {
  it('a corrected order counts at its corrected amount in revenue and order value', () => {
    const corrected = fix({ lines: [line('p1', 100, 3)] })
    expect(kpis({ orders: [placed, other] }).revenue.value).toBe(150)
    const after = kpis({ orders: [placed, corrected, other] })
    expect(after.revenue.value).toBe(350)
    expect(after.averageOrderValue).toEqual({ value: 175, numerator: 350, denominator: 2 })
  })

  it('a cancelled order leaves the KPIs: its customer is no buyer any more', () => {
    const cancelled = fix({ status: 'cancelled' }, 'o-a-x', '客户取消')
    expect(isCancelled(cancelled)).toBe(true)
    const before = kpis({ orders: [placed, other] })
    const after = kpis({ orders: [placed, other, cancelled] })
    expect([before.orders, before.historicalClv.denominator]).toEqual([2, 2])
    expect([after.orders, after.historicalClv.denominator]).toEqual([1, 1])
    expect(after.revenue.value).toBe(50)
  })

  it('classification and RFM read the latest revision, and a cancelled order drops out of them', () => {
    const asOf = '2026-03-31'
    const classify = (orders: (typeof placed)[]) => {
      const r = classifyCustomers({ orders }, defaultServicePolicy, asOf)
      if (!r.ok) throw new Error(r.error.message)
      return r.value
    }
    const corrected = classify([placed, fix({ lines: [line('p1', 100, 3)] }), other])
    expect(corrected.profiles.find((p) => p.customerId === 'a')?.rfm.monetary).toBe(300)
    const cancelled = classify([placed, fix({ status: 'cancelled' }), other])
    const a = cancelled.profiles.find((p) => p.customerId === 'a')
    expect(a?.rfm.frequency ?? 0).toBe(0)
    expect(cancelled.summary.excluded).toMatchObject({ cancelled: 1, superseded: 1 })
  })

  it('a cancelled visit is no visit: not counted, and no longer covers a due visit', () => {
    const v = visit('a', '2026-03-05', { id: 'v-a', satisfaction: 5 })
    const cancelled = nextRevision(
      [v],
      { cancelled: true },
      { id: 'v-a-2', reason: '记录错了客户', at: '2026-03-06T00:00:00Z' },
    )
    expect(kpis({ visits: [v] }).visits).toBe(1)
    expect(kpis({ visits: [v, cancelled] }).visits).toBe(0)
    const due = (visits: (typeof v)[]) => {
      const r = computeDueVisits({
        customers: [{ id: 'a' }],
        visits,
        cadenceDaysOf: () => 7,
        period: MARCH,
        asOf: '2026-03-31',
      })
      if (!r.ok) throw new Error(r.error.message)
      return r.value.filter((d) => d.visitedAt !== null).length
    }
    expect(due([v])).toBeGreaterThan(due([v, cancelled]))
  })
})

describe('revision history', () => {
  it('numbers a correction after the highest revision known, under a new id, without server-set fields', () => {
    const stored = { ...placed, authorId: 'rep1', revisedBy: 'rep1', receivedAt: '2026-03-10T03:00:00Z' }
    const second = nextRevision(
      [stored],
      { lines: [line('p1', 90)] },
      { id: 'o-2', reason: '价格', at: '2026-03-11T00:00:00Z' },
    )
    const third = nextRevision(
      [stored, second],
      { status: 'cancelled' },
      { id: 'o-3', reason: '退单', at: '2026-03-12T00:00:00Z' },
    )
    expect(second).toMatchObject({
      id: 'o-2',
      revisionOf: 'o-a',
      revision: 2,
      reason: '价格',
      customerId: 'a',
    })
    expect(second).not.toHaveProperty('authorId')
    expect(second).not.toHaveProperty('receivedAt')
    expect(third).toMatchObject({ revision: 3, status: 'cancelled', lines: [line('p1', 90)] })
    expect(latestRevisions([stored, third, second])).toEqual([third])
  })

  it('lists every revision oldest first with the fields each changed', () => {
    const second = fix({ lines: [line('p1', 100, 3)] })
    const third = nextRevision(
      [placed, second],
      { status: 'cancelled' },
      { id: 'o-a-3', reason: '取消', at: '2026-03-12T00:00:00Z' },
    )
    const history = revisionHistory([third, other, placed, second], 'o-a')
    expect(history.map((h) => [h.record.id, h.changed])).toEqual([
      ['o-a', []],
      ['o-a-2', ['lines']],
      ['o-a-3', ['status']],
    ])
    expect(changedFields(placed, { ...placed, reason: 'x', revision: 9 })).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { computeKpis, UNASSIGNED } from './compute-kpis.ts'
import { customer, feedback, kpiReport, MARCH, order, task, visit } from './records.test-helpers.ts'

// a, b (rep1) and c, d (rep2) bought in February; a and b came back in March; e (rep2) is new in March.
const customers = [
  customer('a', { ownerRepId: 'rep1', teamId: 'north' }),
  customer('b', { ownerRepId: 'rep1', teamId: 'north' }),
  customer('c', { ownerRepId: 'rep2', teamId: 'south' }),
  customer('d', { ownerRepId: 'rep2', teamId: 'south' }),
  customer('e', { ownerRepId: 'rep2', teamId: 'south' }),
]
const orders = [
  ...['a', 'b', 'c', 'd'].map((id) => order(id, '2026-02-10', 100)),
  order('a', '2026-03-03', 100),
  order('a', '2026-03-20', 200),
  order('b', '2026-03-05', 300),
  order('e', '2026-03-09', 400),
]

describe('computeKpis: purchases', () => {
  it('compares this period with the previous one of equal length', () => {
    const report = kpiReport({ customers, orders })
    expect(report.previousPeriod).toEqual({ from: '2026-01-29', to: '2026-02-28' })
    expect(report.overall.retentionRate).toEqual({ value: 0.5, numerator: 2, denominator: 4 })
    expect(report.overall.churnRate).toEqual({ value: 0.5, numerator: 2, denominator: 4 })
  })

  it('counts buyers with two or more orders as repeat buyers', () => {
    const report = kpiReport({ customers, orders })
    expect(report.overall.repeatPurchaseRate).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 })
  })

  it('averages order value over placed orders only, at their newest revision', () => {
    const corrected = order('e', '2026-03-09', 1000, { id: 'o-fix', revisionOf: orders[7]!.id, revision: 2 })
    const cancelled = order('b', '2026-03-06', 5000, { status: 'cancelled' })
    const report = kpiReport({ customers, orders: [...orders, corrected, cancelled] })
    expect(report.overall.averageOrderValue).toEqual({ value: 1600 / 4, numerator: 1600, denominator: 4 })
  })

  it('sums lifetime revenue per customer who ever bought, ignoring orders after asOf', () => {
    const future = order('a', '2026-04-05', 9999)
    const report = kpiReport({ customers, orders: [...orders, future] })
    expect(report.overall.historicalClv).toEqual({ value: 1400 / 5, numerator: 1400, denominator: 5 })
  })

  it('credits orders of a merged-away customer to the survivor', () => {
    const merged = customer('a2', { mergedInto: 'a' })
    const report = kpiReport({
      customers: [...customers, merged],
      orders: [...orders, order('a2', '2026-03-25', 50)],
    })
    expect(report.overall.customers).toBe(5)
    expect(report.overall.repeatPurchaseRate.numerator).toBe(1)
    expect(report.overall.averageOrderValue.denominator).toBe(5)
  })

  it('splits by rep and by team', () => {
    const byRep = kpiReport({ customers, orders, groupBy: 'rep' })
    expect(byRep.groups.map((g) => [g.key, g.kpis.retentionRate.value])).toEqual([
      ['rep1', 1],
      ['rep2', 0],
    ])
    const byTeam = kpiReport({ customers, orders, groupBy: 'team' })
    expect(byTeam.groups.map((g) => [g.key, g.kpis.averageOrderValue.value])).toEqual([
      ['north', 200],
      ['south', 400],
    ])
  })

  it('groups customers without a tier as unassigned', () => {
    const report = kpiReport({
      customers,
      orders,
      groupBy: 'tier',
      tierOf: (id) => (id === 'a' ? 'A' : undefined),
    })
    expect(report.groups.map((g) => [g.key, g.kpis.customers])).toEqual([
      [UNASSIGNED, 4],
      ['A', 1],
    ])
  })
})

describe('computeKpis: predicted lifetime value', () => {
  const year = { from: '2025-01-01', to: '2025-12-31' }

  it('is order value × yearly frequency × 1 / yearly churn', () => {
    // Two buyers in 2024, one came back in 2025 with four orders of 100: churn 50% → 2 years × 400 a year.
    const report = kpiReport({
      period: year,
      asOf: '2025-12-31',
      customers: [customer('x'), customer('y')],
      orders: [
        order('x', '2024-05-01', 100),
        order('y', '2024-05-01', 100),
        ...['2025-02-01', '2025-05-01', '2025-08-01', '2025-11-01'].map((d) => order('x', d, 100)),
      ],
    })
    expect(report.overall.predictedClv.value).toBeCloseTo(800, 6)
  })

  it('caps the lifespan when nobody churned', () => {
    const report = kpiReport({
      period: year,
      asOf: '2025-12-31',
      maxLifespanYears: 5,
      customers: [customer('x')],
      orders: [order('x', '2024-05-01', 100), order('x', '2025-05-01', 300)],
    })
    expect(report.overall.predictedClv.value).toBeCloseTo(300 * 1 * 5, 6)
  })

  it('is unknown without a previous period to measure churn', () => {
    const report = kpiReport({ customers: [customer('x')], orders: [order('x', '2026-03-05', 100)] })
    expect(report.overall.predictedClv.value).toBeNull()
  })
})

describe('computeKpis: service', () => {
  it('averages feedback scores and visit satisfaction together', () => {
    const report = kpiReport({
      customers,
      feedback: [
        feedback('a', '2026-03-02T10:00:00+08:00', { score: 4 }),
        feedback('b', '2026-03-03T10:00:00+08:00', { score: 5 }),
      ],
      visits: [visit('c', '2026-03-04', { satisfaction: 3 })],
    })
    expect(report.overall.averageSatisfaction).toEqual({ value: 4, numerator: 12, denominator: 3 })
  })

  it('counts 9–10 as promoters and 0–6 as detractors', () => {
    const report = kpiReport({
      customers,
      feedback: [10, 9, 7, 3].map((r) => feedback('a', '2026-03-10T10:00:00+08:00', { recommend: r })),
    })
    expect(report.overall.promoterShare).toEqual({ value: 0.5, numerator: 2, denominator: 4 })
    expect(report.overall.netPromoterScore.value).toBe(0.25)
  })

  it('counts complaints per visit, once when a visit complaint was also filed as feedback', () => {
    const complainedVisit = visit('a', '2026-03-05', { complaint: 'late delivery' })
    const complaint = {
      category: 'delivery' as const,
      status: 'open' as const,
      resolution: null,
      resolvedAt: null,
    }
    const report = kpiReport({
      customers,
      visits: [complainedVisit, visit('b', '2026-03-06'), visit('c', '2026-03-07'), visit('d', '2026-03-08')],
      feedback: [
        feedback('a', '2026-03-05T12:00:00+08:00', { visitId: complainedVisit.id, complaint }),
        feedback('b', '2026-03-09T12:00:00+08:00', { complaint }),
      ],
    })
    expect(report.overall.complaintRate).toEqual({ value: 0.5, numerator: 2, denominator: 4 })
  })

  it('takes the median resolution time of complaints resolved in the period', () => {
    const resolved = (hours: number) =>
      feedback('a', '2026-03-10T00:00:00+08:00', {
        complaint: {
          category: 'product',
          status: 'resolved',
          resolution: 'replaced',
          resolvedAt: new Date(Date.parse('2026-03-10T00:00:00+08:00') + hours * 3_600_000).toISOString(),
        },
      })
    const report = kpiReport({ customers, feedback: [resolved(2), resolved(30), resolved(10)] })
    expect(report.overall.medianResolutionHours).toEqual({ value: 10, denominator: 3 })
  })

  it('divides visits by reps and working days', () => {
    const visits = Array.from({ length: 44 }, (_, i) => visit(i % 2 === 0 ? 'a' : 'c', '2026-03-10'))
    const report = kpiReport({ customers, visits })
    // March 2026 has 22 weekdays; rep1 and rep2 own customers.
    expect(report.workingDays).toBe(22)
    expect(report.overall.visitsPerRepPerWorkingDay).toEqual({ value: 1, numerator: 44, denominator: 44 })
    const byRep = kpiReport({ customers, visits, groupBy: 'rep', workingDays: 11 })
    expect(byRep.groups.map((g) => g.kpis.visitsPerRepPerWorkingDay.value)).toEqual([2, 2])
  })

  it('measures visit coverage from due visits, by tier', () => {
    const report = kpiReport({
      customers,
      groupBy: 'tier',
      tierOf: (id) => (id === 'a' ? 'A' : 'B'),
      dueVisits: [
        { customerId: 'a', due: '2026-03-05', visitedAt: '2026-03-04', onTime: true },
        { customerId: 'a', due: '2026-03-12', visitedAt: null, onTime: false },
        { customerId: 'b', due: '2026-03-20', visitedAt: '2026-03-20', onTime: true },
        { customerId: 'b', due: '2026-04-20', visitedAt: null, onTime: false },
      ],
    })
    expect(report.overall.visitCoverage).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 })
    expect(report.groups.map((g) => [g.key, g.kpis.visitCoverage.value])).toEqual([
      ['A', 0.5],
      ['B', 1],
    ])
  })

  it('counts tasks done by their due date, leaving out cancelled ones', () => {
    const report = kpiReport({
      customers,
      tasks: [
        task('a', '2026-03-10', { status: 'done', doneAt: '2026-03-09T18:00:00+08:00' }),
        task('a', '2026-03-10', { status: 'done', doneAt: '2026-03-12T18:00:00+08:00' }),
        task(null, '2026-03-15'),
        task('b', '2026-03-15', { status: 'cancelled' }),
      ],
    })
    expect(report.overall.tasksOnTimeRate).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 })
  })

  it('shows nothing rather than zero when there is nothing to measure', () => {
    const report = kpiReport({ customers })
    expect(report.overall.retentionRate.value).toBeNull()
    expect(report.overall.averageSatisfaction.value).toBeNull()
    expect(report.overall.medianResolutionHours.value).toBeNull()
  })
})

describe('computeKpis: bad input', () => {
  it('rejects a period that ends before it starts', () => {
    const result = computeKpis({
      customers,
      orders,
      visits: [],
      feedback: [],
      period: { from: '2026-03-31', to: '2026-03-01' },
      asOf: '2026-03-31',
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('bad_period')
  })

  it('rejects an unreadable asOf', () => {
    const result = computeKpis({
      customers,
      orders,
      visits: [],
      feedback: [],
      period: MARCH,
      asOf: 'yesterday',
    })
    expect(!result.ok && result.error.code).toBe('bad_as_of')
  })

  it('skips and counts records of unknown customers or with malformed dates', () => {
    const report = kpiReport({
      customers,
      orders: [
        ...orders,
        order('ghost', '2026-03-03', 100),
        order('a', '2026-03-03', 1, { orderedAt: 'soon' }),
      ],
    })
    expect(report.skipped).toBe(2)
    expect(report.overall.averageOrderValue.denominator).toBe(4)
  })
})

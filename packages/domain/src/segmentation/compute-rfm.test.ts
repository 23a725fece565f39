import { describe, expect, it } from 'vitest'
import { computeRfm } from './compute-rfm.ts'
import { retailLines, rfmReference } from './retail-fixture.test-helpers.ts'

// Generous timeouts: the fixture is 30,000 lines and CI machines are shared.
describe('computeRfm on the Online Retail sample', { timeout: 30_000 }, () => {
  const result = computeRfm(retailLines(), '2011-12-10', 'first')
  if (!result.ok) throw new Error(result.error.message)
  const report = result.value

  it('matches the pandas reference for every customer: recency, frequency, monetary, R, F, M', () => {
    const reference = rfmReference()
    expect(reference).toHaveLength(3546)
    expect(report.rows.map((r) => r.customerId)).toEqual(reference.map((r) => r.customerId))
    const mismatches = report.rows.filter((row, i) => {
      const ref = reference[i]
      return (
        ref === undefined ||
        row.recencyDays !== ref.recencyDays ||
        row.frequency !== ref.frequency ||
        row.monetary !== ref.monetary ||
        row.r !== ref.r ||
        row.f !== ref.f ||
        row.m !== ref.m
      )
    })
    expect(mismatches).toEqual([])
  })

  it('counts every excluded line by reason', () => {
    expect(report.linesRead).toBe(30_000)
    expect(report.excluded.noCustomer).toBe(2000)
    expect(report.excluded.total).toBe(report.linesRead - report.linesUsed)
    expect(report.excluded.nonPositiveQuantity + report.excluded.nonPositivePrice).toBeGreaterThan(0)
  })
})

describe('computeRfm semantics', () => {
  const line = (customerId: string | null, orderId: string, date: string, quantity = 1, price = 10) => ({
    customerId,
    orderId,
    date,
    quantity,
    price,
  })

  it('counts recency in calendar days, frequency as distinct orders, monetary to the cent', () => {
    const r = computeRfm(
      [
        line('7', 'A', '2024-03-01T23:59:00+08:00', 3, 0.1),
        line('7', 'A', '2024-03-01T23:59:00+08:00', 1, 0.2),
        line('7', 'B', '2024-03-08 08:00:00', 1, 1.005),
      ],
      '2024-03-10',
    )
    expect(r.ok && r.value.rows).toEqual([
      // A lone buyer sits in the first bin of each rank (R reversed), as qcut's edges would put it.
      { customerId: '7', recencyDays: 2, frequency: 2, monetary: 1.5, r: 5, f: 1, m: 1 },
    ])
  })

  it('excludes and counts lines without customer, with non-positive quantity or price, bad or future dates', () => {
    const r = computeRfm(
      [
        line(null, 'A', '2024-03-01'),
        line('1', 'B', '2024-03-01', -2),
        line('1', 'C', '2024-03-01', 1, 0),
        line('1', 'D', '2024-02-30'),
        line('1', 'E', '2024-04-01'),
        line('1', 'F', '2024-03-01'),
      ],
      '2024-03-10',
    )
    if (!r.ok) throw new Error('unexpected')
    expect(r.value.excluded).toEqual({
      noCustomer: 1,
      nonPositiveQuantity: 1,
      nonPositivePrice: 1,
      badDate: 1,
      afterAsOf: 1,
      cancelled: 0,
      superseded: 0,
      total: 5,
    })
    expect(r.value.rows.map((x) => x.frequency)).toEqual([1])
  })

  it('rejects an as-of date it cannot read', () => {
    const r = computeRfm([], '10/12/2011')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('bad_as_of')
  })

  it("with ties 'first', breaks rank ties by customer id, numeric ids numerically (pandas)", () => {
    const ids = ['100', '20', '3', '9', '1000']
    const r = computeRfm(
      ids.map((id) => line(id, `o${id}`, '2024-03-01')),
      '2024-03-10',
      'first',
    )
    if (!r.ok) throw new Error('unexpected')
    expect(r.value.rows.map((x) => [x.customerId, x.m])).toEqual([
      ['3', 1],
      ['9', 2],
      ['20', 3],
      ['100', 4],
      ['1000', 5],
    ])
  })

  it('by default gives equal values equal scores, and the first-rank scores where nothing ties', () => {
    const ids = ['100', '20', '3', '9', '1000']
    const tied = computeRfm(
      ids.map((id) => line(id, `o${id}`, '2024-03-01')),
      '2024-03-10',
    )
    if (!tied.ok) throw new Error('unexpected')
    expect(new Set(tied.value.rows.map((x) => `${x.r}${x.f}${x.m}`)).size).toBe(1)
    const distinct = ids.map((id, i) => line(id, `o${id}`, `2024-03-0${i + 1}`, 1, 10 + i))
    const fair = computeRfm(distinct, '2024-03-10')
    const first = computeRfm(distinct, '2024-03-10', 'first')
    if (!fair.ok || !first.ok) throw new Error('unexpected')
    // every recency and spend differs (each customer has one order, so F ties and is the same for all)
    const rm = (rows: typeof fair.value.rows) => rows.map((x) => [x.customerId, x.r, x.m])
    expect(rm(fair.value.rows)).toEqual(rm(first.value.rows))
    expect(new Set(fair.value.rows.map((x) => x.f)).size).toBe(1)
  })
})

import { describe, expect, it } from 'vitest'
import { computeInsights } from './compute-insights.ts'
import { replanToday } from './plan-today.ts'
import { smallSnapshot } from './snapshot.test-helpers.ts'

describe('computeInsights', () => {
  const s = smallSnapshot()
  const out = computeInsights(s)

  it('profiles every customer with tier, lifecycle, priority and bilingual explanations', () => {
    expect(out.error).toBeNull()
    expect(Object.keys(out.byCustomer).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'])
    const c1 = out.byCustomer.c1!
    expect(c1.kpis).toMatchObject({ orders: 2, revenue: 1400, averageOrderValue: 700 })
    expect(c1.explanations.tier.length).toBeGreaterThan(0)
    expect(c1.explanations.priority.every((f) => f.en !== '' && f.zh !== '')).toBe(true)
    // A prospect who never bought has no segment and is a prospect.
    expect(out.byCustomer.c5).toMatchObject({ segment: null, lifecycle: 'prospect' })
    // Visited yesterday: not due; never visited: due now.
    expect(out.byCustomer.c4!.daysOverdue).toBeLessThan(0)
    expect(out.byCustomer.c2!.daysOverdue).toBe(0)
  })

  it('survives structured clone (the worker posts it to the page)', () => {
    expect(structuredClone(out)).toEqual(out)
  })

  it('plans due customers inside their opening hours and says why others are left out', () => {
    const plan = out.plan!
    expect(plan.stops.length).toBeGreaterThan(0)
    for (const st of plan.stops) {
      const c = s.customers.find((x) => x.id === st.customerId)!
      const windows = c.openingHours[s.clock.weekday]!
      expect(windows.some((w) => st.start >= w.open && st.start <= w.close)).toBe(true)
      expect(st.start).toBeGreaterThanOrEqual(s.work.workStart)
    }
    expect(plan.stops.map((x) => x.customerId)).not.toContain('c4')
    expect(plan.leftOut).toEqual(
      expect.arrayContaining([
        { customerId: 'c5', reason: 'no_location' },
        { customerId: 'c6', reason: 'closed' },
      ]),
    )
  })

  it('re-plans the rest of the day from here, leaving out what is done', () => {
    const first = out.plan!.stops[0]!.customerId
    const rest = replanToday(s, out.byCustomer, {
      nowMinute: 14 * 60,
      position: { lat: 31.24, lng: 121.48 },
      done: [first],
      skipped: [],
      breakTaken: true,
    })!
    expect(rest.startSource).toBe('here')
    expect(rest.stops.map((x) => x.customerId)).not.toContain(first)
    expect(rest.stops.every((x) => x.start >= 14 * 60)).toBe(true)
    expect(rest.stops.length).toBeGreaterThan(0)
  })

  it('re-plans with a customer the rep added, even one not due yet', () => {
    const rest = replanToday(s, out.byCustomer, {
      nowMinute: 9 * 60,
      position: { lat: 31.24, lng: 121.48 },
      done: [],
      skipped: [],
      breakTaken: false,
      include: ['c4'],
    })!
    expect(rest.stops.map((x) => x.customerId)).toContain('c4')
  })
})

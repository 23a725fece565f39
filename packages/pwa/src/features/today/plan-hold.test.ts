import { describe, expect, it } from 'vitest'
import type { TodayPlan } from '../../worker/insights-types.ts'
import { type DocStop, docStopsOf } from './day-plan-stops.ts'
import { extrasOf, routeOffer, tickVisited } from './plan-hold.ts'

const plan = (ids: string[], travelEach = 10): TodayPlan => ({
  date: '2026-03-04',
  start: { lat: 31, lng: 121 },
  startSource: 'home',
  stops: ids.map((customerId, i) => ({
    customerId,
    arrive: 540 + i * 60,
    wait: 0,
    start: 540 + i * 60,
    depart: 570 + i * 60,
    travelMinutes: travelEach,
    travelKm: 5,
  })),
  lunch: null,
  leftOut: [],
  endArrive: 540 + ids.length * 60,
  warnings: [],
})

describe('a day plan that holds still', () => {
  it('ticks a visited stop off where it is instead of dropping it', () => {
    const stops = docStopsOf(plan(['a', 'b', 'c']))
    const ticked = tickVisited(stops, new Map([['b', 'visit-1']]))
    expect(ticked.map((s) => [s.customerId, s.status, s.visitId])).toEqual([
      ['a', 'planned', null],
      ['b', 'done', 'visit-1'],
      ['c', 'planned', null],
    ])
    // A skipped stop stays skipped even if visited later the same day.
    const skipped: DocStop[] = stops.map((s) => (s.customerId === 'a' ? { ...s, status: 'skipped' } : s))
    expect(tickVisited(skipped, new Map([['a', 'v']]))[0]?.status).toBe('skipped')
  })

  it('offers a proposal only when it is better, and never once a stop is done or the offer declined', () => {
    const stops = docStopsOf(plan(['a', 'b', 'c']))
    const held = { stops, travelMinutes: 30, declined: null }
    // Same stops in the same order: nothing to offer.
    expect(routeOffer(held, plan(['a', 'b', 'c'], 5))).toBeNull()
    // Same number of visits but more driving, or a saving under 5 min: kept.
    expect(routeOffer(held, plan(['c', 'b', 'a'], 12))).toBeNull()
    expect(routeOffer(held, plan(['c', 'b', 'a'], 9))).toBeNull()
    // Fewer visits (later in the day, less time left): kept.
    expect(routeOffer(held, plan(['a', 'b'], 1))).toBeNull()
    // 12 minutes less driving, or an extra visit: offered.
    expect(routeOffer(held, plan(['c', 'b', 'a'], 6))).toEqual({
      signature: 'c,b,a',
      savesMinutes: 12,
      addedStops: 0,
    })
    expect(routeOffer(held, plan(['a', 'b', 'c', 'd'], 10))?.addedStops).toBe(1)
    expect(routeOffer({ ...held, declined: 'c,b,a' }, plan(['c', 'b', 'a'], 6))).toBeNull()
    const begun = tickVisited(stops, new Map([['a', 'v']]))
    expect(routeOffer({ ...held, stops: begun }, plan(['c', 'b', 'a'], 1))).toBeNull()
  })

  it('keeps the planner legs and lunch of the adopted order', () => {
    const p = { ...plan(['a', 'b']), lunch: { start: 720, end: 750 } }
    expect(extrasOf(p, ['b', 'a', 'x'], null)).toMatchObject({
      ids: ['b', 'a', 'x'],
      legs: [{ minutes: 10, km: 5 }, { minutes: 10, km: 5 }, null],
      lunch: { start: 720, end: 750 },
    })
  })
})

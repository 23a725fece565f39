import { describe, expect, it } from 'vitest'
import type { TodayPlan } from '../../worker/insights-types.ts'
import { docStopsOf, mergeReplan, progressOf, withStatus } from './day-plan-stops.ts'

const plan = (ids: string[], from: number): TodayPlan => ({
  date: '2026-03-04',
  start: { lat: 31, lng: 121 },
  startSource: 'home',
  stops: ids.map((customerId, i) => ({
    customerId,
    arrive: from + i * 60 + 0.4,
    wait: 0,
    start: from + i * 60 + 0.4,
    depart: from + i * 60 + 30.6,
    travelMinutes: 10,
    travelKm: 5,
  })),
  lunch: null,
  leftOut: [],
  endArrive: from + ids.length * 60,
  warnings: [],
})

describe('day plan stops', () => {
  it('stores whole minutes, all planned', () => {
    expect(docStopsOf(plan(['a'], 540))).toEqual([
      { customerId: 'a', arrive: 540, start: 540, depart: 571, status: 'planned', visitId: null },
    ])
  })

  it('a re-plan keeps done and skipped stops and replaces the rest', () => {
    let stops = docStopsOf(plan(['a', 'b', 'c'], 540))
    stops = withStatus(stops, 'a', 'done')
    stops = withStatus(stops, 'b', 'skipped')
    expect(progressOf(stops)).toEqual({ done: ['a'], skipped: ['b'] })
    const next = mergeReplan(stops, plan(['d', 'c'], 700))
    expect(next.map((s) => [s.customerId, s.status])).toEqual([
      ['a', 'done'],
      ['b', 'skipped'],
      ['d', 'planned'],
      ['c', 'planned'],
    ])
    expect(next[2]!.start).toBe(700)
  })
})

import { describe, expect, it } from 'vitest'
import type { PlanDayInput } from './plan-day-input.ts'
import { replanDay } from './replan-day.ts'
import { verifyDayPlan } from './verify/verify-day-plan.ts'

const ids = ['@start', 'a', 'b', 'c', 'd', 'e']
const pos: Record<string, number> = { '@start': 0, a: 10, b: 20, c: 30, d: 40, e: 50 }
const day: PlanDayInput = {
  start: { lat: 0, lng: 0 },
  workingHours: { start: 480, end: 1020 },
  lunch: { duration: 30, earliest: 690, latest: 780 },
  customers: ids.slice(1).map((id) => ({ id, lat: 0, lng: 0, priority: 10, serviceMinutes: 40 })),
  travel: { kind: 'matrix', ids, minutes: ids.map((a) => ids.map((b) => Math.abs(pos[a]! - pos[b]!))) },
}

describe('replanDay', () => {
  it('re-plans the rest of the day from the current place and time, keeping done stops out', () => {
    const r = replanDay(day, { now: 600, position: { lat: 0, lng: 0 }, done: ['a', 'b'], skipped: ['e'] })
    expect(r.done).toEqual(['a', 'b'])
    const ids = r.plan.stops.map((s) => s.id)
    expect(ids).not.toContain('a')
    expect(ids).not.toContain('b')
    expect(ids).not.toContain('e')
    expect(ids).toEqual(expect.arrayContaining(['c', 'd', '@lunch']))
    // The rep is at b, the last stop done: the first leg starts there at 10:00.
    const first = r.plan.stops[0]!
    expect(first.arrive).toBe(first.kind === 'break' ? 600 : 600 + Math.abs(pos[first.id]! - pos.b!))
  })

  it('drops the lunch break once taken', () => {
    const r = replanDay(day, { now: 800, position: { lat: 0, lng: 0 }, done: ['a'], breakTaken: true })
    expect(r.plan.stops.some((s) => s.kind === 'break')).toBe(false)
    expect(r.plan.warnings).toEqual([])
  })

  it('leaves nothing to do for a rep who is already past the end of the day', () => {
    const r = replanDay(day, {
      now: 1050,
      position: { lat: 0, lng: 0 },
      done: ['a'],
      atId: 'a',
      breakTaken: true,
    })
    expect(r.plan.stops).toEqual([])
    expect(r.plan.unplanned.map((u) => u.reason)).toEqual(['no_time', 'no_time', 'no_time', 'no_time'])
    expect(r.plan.warnings.join()).toMatch(/past the end of working hours/)
  })

  it('handles a rep running late: only what still fits is kept, with valid times', () => {
    const late = replanDay(day, {
      now: 930,
      position: { lat: 0, lng: 0 },
      done: [],
      atId: '@start',
      breakTaken: true,
    })
    const rest: PlanDayInput = { ...day, workingHours: { start: 930, end: 1020 } }
    delete rest.lunch
    expect(verifyDayPlan(rest, late.plan)).toEqual([])
    expect(late.plan.totals.visits).toBe(1)
    expect(late.plan.end.arrive).toBeLessThanOrEqual(1020)
  })
})

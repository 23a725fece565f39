import { describe, expect, it } from 'vitest'
import { planDay } from './plan-day.ts'
import { type PlanDayInput, PlanInputError } from './plan-day-input.ts'
import { verifyDayPlan } from './verify/verify-day-plan.ts'

/** A line of places 10 minutes apart from the start (matrix travel keeps expectations exact). */
function lineDay(extra: Partial<PlanDayInput> = {}, n = 4): PlanDayInput {
  const ids = ['@start', ...Array.from({ length: n }, (_, i) => `c${i + 1}`), 'apt']
  const pos = (id: string) => (id === '@start' ? 0 : id === 'apt' ? 25 : Number(id.slice(1)) * 10)
  const minutes = ids.map((a) => ids.map((b) => Math.abs(pos(a) - pos(b))))
  return {
    start: { lat: 31.2, lng: 121.4 },
    workingHours: { start: 510, end: 1080 },
    customers: Array.from({ length: n }, (_, i) => ({
      id: `c${i + 1}`,
      lat: 31.2,
      lng: 121.4,
      priority: 10,
      serviceMinutes: 30,
    })),
    travel: { kind: 'matrix', ids, minutes },
    ...extra,
  }
}

function plan(input: PlanDayInput) {
  const p = planDay(input)
  expect(verifyDayPlan(input, p)).toEqual([])
  return p
}

describe('planDay', { timeout: 30_000 }, () => {
  it('visits everyone when the day has room, with consistent totals', () => {
    const p = plan(lineDay())
    expect(p.stops.map((s) => s.id).sort()).toEqual(['c1', 'c2', 'c3', 'c4'])
    expect(p.totals.visits).toBe(4)
    expect(p.totals.score).toBe(40)
    expect(p.totals.serviceMinutes).toBe(120)
    // Out along the line and back: 40 + 40 minutes.
    expect(p.totals.travelMinutes).toBe(80)
    expect(p.unplanned).toEqual([])
  })

  it('plans an empty day as just going home', () => {
    const p = plan(lineDay({ customers: [] }))
    expect(p.stops).toEqual([])
    expect(p.end.arrive).toBe(510)
    expect(p.totals.score).toBe(0)
  })

  it('takes the lunch break inside its window', () => {
    const input = lineDay({
      workingHours: { start: 660, end: 900 },
      lunch: { duration: 45, earliest: 720, latest: 750 },
    })
    const p = plan(input)
    const lunch = p.stops.find((s) => s.kind === 'break')!
    expect(lunch.start).toBeGreaterThanOrEqual(720)
    expect(lunch.start).toBeLessThanOrEqual(750)
    expect(lunch.depart - lunch.start).toBe(45)
    expect(p.warnings).toEqual([])
  })

  it('uses the second opening window when the first cannot be reached', () => {
    const input = lineDay()
    input.customers[3] = {
      ...input.customers[3]!,
      // c4 is 40 minutes away: the 08:30–08:45 window is out of reach, 15:00–16:00 is not.
      windows: [
        { open: 510, close: 525 },
        { open: 900, close: 960 },
      ],
    }
    const p = plan(input)
    const c4 = p.stops.find((s) => s.id === 'c4')!
    expect(c4.start).toBeGreaterThanOrEqual(900)
    expect(c4.depart).toBeLessThanOrEqual(960)
  })

  it('keeps a fixed appointment at its time and fits visits around it', () => {
    const input = lineDay({ appointments: [{ id: 'apt', lat: 0, lng: 0, start: 600, serviceMinutes: 60 }] })
    const p = plan(input)
    const apt = p.stops.find((s) => s.id === 'apt')!
    expect(apt.kind).toBe('appointment')
    expect(apt.start).toBe(600)
    expect(apt.depart).toBe(660)
    expect(p.totals.visits).toBe(4)
  })

  it('reports a customer closed all day, or closed before it can be reached, as closed', () => {
    const input = lineDay()
    input.customers[0] = { ...input.customers[0]!, windows: [] }
    input.customers[3] = { ...input.customers[3]!, windows: [{ open: 480, close: 540 }] }
    const p = plan(input)
    expect(p.unplanned).toEqual(
      expect.arrayContaining([
        { id: 'c1', reason: 'closed' },
        { id: 'c4', reason: 'closed' },
      ]),
    )
    expect(p.stops.map((s) => s.id).sort()).toEqual(['c2', 'c3'])
  })

  it('explains left-out visits as lower_priority or no_time', () => {
    // Room for about three visits out of four.
    const input = lineDay({ workingHours: { start: 510, end: 510 + 150 } })
    input.customers[0]!.priority = 50
    input.customers[1]!.priority = 40
    input.customers[2]!.priority = 30
    input.customers[3]!.priority = 1
    const p = plan(input)
    expect(p.stops.map((s) => s.id)).not.toContain('c4')
    expect(p.unplanned).toContainEqual({ id: 'c4', reason: 'lower_priority' })
    // A valuable customer that cannot fit around a long appointment has no time left.
    const busy = lineDay({
      workingHours: { start: 510, end: 700 },
      appointments: [{ id: 'apt', lat: 0, lng: 0, start: 540, serviceMinutes: 120 }],
    })
    busy.customers[3]!.priority = 99
    const q = plan(busy)
    expect(q.unplanned).toContainEqual({ id: 'c4', reason: 'no_time' })
  })

  it('reports conflicting appointments instead of moving them', () => {
    const input = lineDay({
      appointments: [
        { id: 'apt', lat: 0, lng: 0, start: 600, serviceMinutes: 60 },
        { id: 'c2', lat: 0, lng: 0, start: 620, serviceMinutes: 30 },
      ],
    })
    const p = plan(input)
    expect(p.unplanned.filter((u) => u.reason === 'appointment_conflict')).toHaveLength(1)
    expect(p.warnings.length).toBeGreaterThan(0)
  })

  it('works with the haversine travel model', () => {
    const input: PlanDayInput = {
      start: { lat: 31.23, lng: 121.47 },
      workingHours: { start: 540, end: 1020 },
      customers: [
        { id: 'a', lat: 31.24, lng: 121.48, priority: 5, serviceMinutes: 20 },
        { id: 'b', lat: 31.2, lng: 121.44, priority: 7, serviceMinutes: 20 },
        { id: 'far', lat: 39.9, lng: 116.4, priority: 9, serviceMinutes: 20 },
      ],
      travel: { kind: 'haversine', speedKmh: 30, detourFactor: 1.3 },
    }
    const p = plan(input)
    expect(p.stops.map((s) => s.id).sort()).toEqual(['a', 'b'])
    expect(p.totals.travelKm).toBeGreaterThan(0)
    // Beijing is ~1,000 km away: no opening window of that day can be reached at all.
    expect(p.unplanned).toEqual([{ id: 'far', reason: 'closed' }])
  })

  it('is deterministic for a given seed', () => {
    const input = lineDay({ seed: 5, workingHours: { start: 510, end: 700 } }, 12)
    expect(planDay(input)).toEqual(planDay(input))
  })

  it('rejects bad input with a readable message', () => {
    const bad = { ...lineDay(), workingHours: { start: 900, end: 600 } }
    expect(() => planDay(bad)).toThrow(PlanInputError)
    expect(() => planDay(bad)).toThrow(/working hours start must not be after end/)
    expect(() => planDay({ ...lineDay(), customers: [{ id: 'x' }] } as unknown as PlanDayInput)).toThrow(
      /customers/,
    )
    const missingRow = lineDay()
    if (missingRow.travel?.kind === 'matrix') missingRow.travel.ids[1] = 'zz'
    expect(() => planDay(missingRow)).toThrow(/no row for c1/)
  })
})

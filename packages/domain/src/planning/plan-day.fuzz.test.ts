import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planDay } from './plan-day.ts'
import type { PlanDayInput } from './plan-day-input.ts'
import { verifyDayPlan } from './verify/verify-day-plan.ts'

type Instance = PlanDayInput & { travel: { kind: 'matrix'; ids: string[]; minutes: number[][] } }

/** Random small day on a matrix built from points (so the triangle inequality holds). */
const instanceArb = (maxCustomers: number, extras: boolean) =>
  fc
    .record({
      points: fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })), {
        minLength: 1,
        maxLength: maxCustomers,
      }),
      depot: fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })),
      seeds: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 40, maxLength: 40 }),
      dayLength: fc.integer({ min: 120, max: 480 }),
      lunch: fc.boolean(),
      appointment: fc.boolean(),
    })
    .map(({ points, depot, seeds, dayLength, lunch, appointment }): Instance => {
      let s = 0
      const r = (n: number) => seeds[s++ % seeds.length]! % n
      const startT = 480
      const endT = startT + dayLength
      const withApp = extras && appointment
      const places = [depot, ...points, ...(withApp ? [[r(60), r(60)] as [number, number]] : [])]
      const ids = ['@start', ...points.map((_, i) => `c${i}`), ...(withApp ? ['apt'] : [])]
      const minutes = places.map((a) => places.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1]) * 0.7))
      const customers = points.map((_, i) => {
        const windows = []
        const count = r(3) // 0..2 windows; none given means open all day
        let open = startT + r(120)
        for (let w = 0; w < count; w++) {
          const close = open + 20 + r(150)
          windows.push({ open, close })
          open = close + 10 + r(120)
        }
        return {
          id: `c${i}`,
          lat: 0,
          lng: 0,
          priority: 1 + r(50),
          serviceMinutes: 5 + r(40),
          ...(count > 0 ? { windows } : {}),
        }
      })
      const input: Instance = {
        start: { lat: 0, lng: 0 },
        workingHours: { start: startT, end: endT },
        customers,
        travel: { kind: 'matrix', ids, minutes },
        seed: 7,
      }
      if (withApp) {
        const reach = minutes[0]![ids.length - 1]!
        input.appointments = [
          { id: 'apt', lat: 0, lng: 0, start: startT + reach + r(dayLength / 2), serviceMinutes: 20 },
        ]
      }
      if (extras && lunch) {
        const earliest = startT + r(dayLength / 2)
        input.lunch = { duration: 30, earliest, latest: earliest + r(90) }
      }
      return input
    })

/** Exhaustive search over every order of every subset, with its own simple schedule replay. */
function bestScoreByEnumeration(input: Instance): number | null {
  const { ids, minutes } = input.travel
  const idx = new Map(ids.map((id, i) => [id, i]))
  const apps = input.appointments ?? []
  const items = [
    ...input.customers.map((c) => c.id),
    ...apps.map((a) => a.id),
    ...(input.lunch ? ['@lunch'] : []),
  ]
  const mandatory = apps.length + (input.lunch ? 1 : 0)
  let best: number | null = null
  const used = new Set<string>()
  const dfs = (at: string, clock: number, score: number, mandatoryDone: number) => {
    if (mandatoryDone === mandatory && clock + minutes[idx.get(at)!]![0]! <= input.workingHours.end + 1e-9) {
      if (best === null || score > best) best = score
    }
    for (const item of items) {
      if (used.has(item)) continue
      let next = clock
      let place = at
      let gain = 0
      let isMandatory = 0
      if (item === '@lunch') {
        const l = input.lunch!
        const start = Math.max(clock, l.earliest)
        if (start > l.latest + 1e-9) continue
        next = start + l.duration
        isMandatory = 1
      } else {
        const arrive = clock + minutes[idx.get(at)!]![idx.get(item)!]!
        const app = apps.find((a) => a.id === item)
        if (app) {
          if (arrive > app.start + 1e-9) continue
          next = app.start + app.serviceMinutes
          isMandatory = 1
        } else {
          const c = input.customers.find((x) => x.id === item)!
          const windows = c.windows ?? [{ open: 0, close: 2880 }]
          const w = windows.find((x) => Math.max(arrive, x.open) <= x.close - c.serviceMinutes + 1e-9)
          if (!w) continue
          next = Math.max(arrive, w.open) + c.serviceMinutes
          gain = c.priority
        }
        place = item
      }
      used.add(item)
      dfs(place, next, score + gain, mandatoryDone + isMandatory)
      used.delete(item)
    }
  }
  dfs('@start', input.workingHours.start, 0, 0)
  return best
}

describe('planDay against exhaustive search', { timeout: 30_000 }, () => {
  it('finds the optimal score on small days with several windows (≤ 8 customers)', () => {
    fc.assert(
      fc.property(instanceArb(8, false), (input) => {
        const plan = planDay(input)
        expect(verifyDayPlan(input, plan)).toEqual([])
        expect(plan.totals.score).toBe(bestScoreByEnumeration(input) ?? 0)
      }),
      { numRuns: 40, seed: 42 },
    )
  })

  it('finds the optimum with a lunch break and a fixed appointment (≤ 6 customers)', () => {
    fc.assert(
      fc.property(instanceArb(6, true), (input) => {
        const best = bestScoreByEnumeration(input)
        const plan = planDay(input)
        expect(verifyDayPlan(input, plan)).toEqual([])
        // When no schedule can hold every fixed item the planner must say so instead of inventing one.
        if (best === null) expect(plan.warnings.length).toBeGreaterThan(0)
        else expect(plan.totals.score).toBe(best)
      }),
      { numRuns: 40, seed: 7 },
    )
  })

  it('keeps the heuristic alone feasible and within 10% of the optimum', () => {
    fc.assert(
      fc.property(instanceArb(7, true), (input) => {
        const best = bestScoreByEnumeration(input)
        const plan = planDay({ ...input, exactUpTo: -1 })
        expect(verifyDayPlan(input, plan)).toEqual([])
        if (best !== null) expect(plan.totals.score).toBeGreaterThanOrEqual(0.9 * best)
      }),
      { numRuns: 60, seed: 99 },
    )
  })
})

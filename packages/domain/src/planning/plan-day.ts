import { compileDayProblem, type DayProblem } from './compile-day-problem.ts'
import { explainLeftOut, type LeftOutReason } from './core/explain-left-out.ts'
import { BREAK } from './core/orienteering-problem.ts'
import { RouteState } from './core/route-state.ts'
import { solveOrienteering } from './core/solve-orienteering.ts'
import { type PlanDayInput, parsePlanDayInput } from './plan-day-input.ts'

export const LUNCH_ID = '@lunch'

export type UnplannedReason = LeftOutReason | 'appointment_conflict'

export interface PlannedStop {
  id: string
  kind: 'visit' | 'appointment' | 'break'
  /** Minutes since midnight. */
  arrive: number
  wait: number
  start: number
  depart: number
  /** Leg from the previous stop (0 for the break, which is taken where the rep is). */
  travelMinutes: number
  travelKm: number
  priority: number
}

export interface PlannedDay {
  stops: PlannedStop[]
  /** Return leg to the end location. */
  end: { arrive: number; travelMinutes: number; travelKm: number }
  totals: {
    visits: number
    travelMinutes: number
    travelKm: number
    serviceMinutes: number
    waitMinutes: number
    score: number
  }
  unplanned: { id: string; reason: UnplannedReason }[]
  /** Non-fatal problems, e.g. the lunch break did not fit anywhere. */
  warnings: string[]
}

/**
 * Plans one rep's day: chooses and orders visits to maximise total priority, keeping fixed
 * appointments at their time, fitting the lunch break, and returning by the end of working hours.
 * Throws PlanInputError for invalid input. Deterministic for a given `seed`.
 */
export function planDay(input: PlanDayInput): PlannedDay {
  const v = parsePlanDayInput(input)
  const day = compileDayProblem(v)
  const result = solveOrienteering(day.problem, {
    seed: v.seed,
    maxIterations: v.maxIterations ?? defaultIterations(day.customerNodes.length),
    timeLimitMs: v.timeLimitMs ?? 800,
    ...(v.exactUpTo === undefined ? {} : { exactUpTo: v.exactUpTo }),
  })
  const route = new RouteState(day.problem, result.inner)
  const warnings: string[] = []
  if (result.breakUnplaced) warnings.push('lunch break does not fit into the day')
  for (const m of result.unplacedMandatory) warnings.push(`appointment ${day.ids[m]} conflicts with the day`)
  return describePlan(day, route, result.unplacedMandatory, warnings)
}

/** Small days need few iterations to converge; the budget grows with the candidate count. */
function defaultIterations(candidates: number): number {
  return Math.min(1500, 100 + 20 * candidates)
}

function describePlan(
  day: DayProblem,
  route: RouteState,
  unplacedMandatory: number[],
  warnings: string[],
): PlannedDay {
  const p = day.problem
  const dist = p.distance ?? p.travel
  const stops: PlannedStop[] = []
  let travelMinutes = 0
  let travelKm = 0
  let serviceMinutes = 0
  let waitMinutes = 0
  let score = 0
  for (let i = 1; i < route.length - 1; i++) {
    const node = route.nodes[i]!
    const prevLoc = route.loc[i - 1]!
    const isBreak = node === BREAK
    const legMin = isBreak ? 0 : p.travel[prevLoc * p.size + node]!
    const legKm = isBreak ? 0 : dist[prevLoc * p.size + node]!
    const stop: PlannedStop = {
      id: isBreak ? LUNCH_ID : day.ids[node]!,
      kind: isBreak ? 'break' : day.kinds[node] === 'appointment' ? 'appointment' : 'visit',
      arrive: route.arr[i]!,
      wait: route.start[i]! - route.arr[i]!,
      start: route.start[i]!,
      depart: route.dep[i]!,
      travelMinutes: legMin,
      travelKm: legKm,
      priority: isBreak ? 0 : p.profit[node]!,
    }
    stops.push(stop)
    travelMinutes += legMin
    travelKm += legKm
    waitMinutes += stop.wait
    if (!isBreak) serviceMinutes += stop.depart - stop.start
    score += stop.priority
  }
  const last = route.length - 1
  if (route.arr[last]! > p.endTime + 1e-6) warnings.push('the day already runs past the end of working hours')
  const endLeg = p.travel[route.loc[last - 1]! * p.size + p.end]!
  const endKm = dist[route.loc[last - 1]! * p.size + p.end]!
  travelMinutes += endLeg
  travelKm += endKm
  return {
    stops,
    end: { arrive: route.arr[last]!, travelMinutes: endLeg, travelKm: endKm },
    totals: {
      visits: stops.filter((s) => s.kind === 'visit').length,
      travelMinutes,
      travelKm,
      serviceMinutes,
      waitMinutes,
      score,
    },
    unplanned: [
      ...unplacedMandatory.map((m) => ({ id: day.ids[m]!, reason: 'appointment_conflict' as const })),
      ...explainLeftOut(p, route.inner(), day.customerNodes).map((u) => ({
        id: day.ids[u.node]!,
        reason: u.reason,
      })),
    ],
    warnings,
  }
}

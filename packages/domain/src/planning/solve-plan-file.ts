import { explainLeftOut, type LeftOutReason } from './core/explain-left-out.ts'
import { optwBenchmarkProblem } from './core/optw-benchmark-problem.ts'
import { RouteState } from './core/route-state.ts'
import { solveOrienteering } from './core/solve-orienteering.ts'
import { detectPlanFormat, type PlanFileFormat } from './formats/detect-plan-format.ts'
import { type OptwInstance, parseOptw, parseSolomon } from './formats/parse-optw-text.ts'
import { parseTsplib, tsplibDistanceMatrix } from './formats/parse-tsplib.ts'
import { planDay, type UnplannedReason } from './plan-day.ts'
import { PlanInputError, parsePlanDayInput } from './plan-day-input.ts'
import { type SearchBudget, solveTsp } from './tsp/solve-tsp.ts'

/** One uniform result for every input format (what `pnpm cli plan` prints). */
export interface PlanFileResult {
  format: PlanFileFormat
  /** Total priority/profit; null for a TSP. */
  score: number | null
  /** TSP: tour length (TSPLIB rounding); OPTW: total travel; day plan: km (minutes for a matrix without km). */
  length: number
  route: (number | string)[]
  stops: { id: number | string; arrive: number; start: number; depart: number }[]
  unplanned: { id: number | string; reason: UnplannedReason }[]
}

/** Solves a TSPLIB, Solomon, OPTW or day-plan JSON text. Pure: the caller reads the file. */
export function solvePlanText(text: string, name: string, budget: SearchBudget = {}): PlanFileResult {
  const format = detectPlanFormat(text)
  if (format === 'tsplib') {
    const inst = parseTsplib(text)
    const n = inst.ids.length
    const d = tsplibDistanceMatrix(inst)
    const r = solveTsp(d, n, budget)
    // The tour starts at the first node, which plays the depot and is left out of the route.
    const stops: PlanFileResult['stops'] = []
    let t = 0
    for (let i = 1; i < n; i++) {
      t += d[r.tour[i - 1]! * n + r.tour[i]!]!
      stops.push({ id: inst.ids[r.tour[i]!]!, arrive: t, start: t, depart: t })
    }
    return { format, score: null, length: r.length, route: stops.map((s) => s.id), stops, unplanned: [] }
  }
  if (format === 'day-json') {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (e) {
      throw new PlanInputError(`invalid day-plan JSON: ${(e as Error).message}`)
    }
    const withBudget = { ...(json as object), ...budgetFields(budget) }
    const plan = planDay(parsePlanDayInput(withBudget))
    const usesKm = plan.totals.travelKm > 0 || plan.totals.travelMinutes === 0
    return {
      format,
      score: plan.totals.score,
      length: usesKm ? plan.totals.travelKm : plan.totals.travelMinutes,
      route: plan.stops.map((s) => s.id),
      stops: plan.stops.map((s) => ({ id: s.id, arrive: s.arrive, start: s.start, depart: s.depart })),
      unplanned: plan.unplanned,
    }
  }
  const inst = format === 'solomon' ? parseSolomon(text) : parseOptw(text, name)
  return solveOptwInstance(inst, budget, format)
}

function budgetFields(b: SearchBudget): Record<string, number> {
  const out: Record<string, number> = {}
  if (b.seed !== undefined) out.seed = b.seed
  if (b.timeLimitMs !== undefined) out.timeLimitMs = b.timeLimitMs
  if (b.maxIterations !== undefined) out.maxIterations = b.maxIterations
  return out
}

/** Solves an OPTW benchmark instance under the published conventions. */
export function solveOptwInstance(
  inst: OptwInstance,
  budget: SearchBudget = {},
  format: PlanFileFormat = 'optw',
): PlanFileResult {
  const p = optwBenchmarkProblem(inst)
  const r = solveOrienteering(p, budget)
  const route = new RouteState(p, r.inner)
  const ids = inst.vertices.map((v) => v.id)
  const stops = r.inner.map((node, i) => ({
    id: ids[node]!,
    arrive: route.arr[i + 1]!,
    start: route.start[i + 1]!,
    depart: route.dep[i + 1]!,
  }))
  const unplanned = explainLeftOut(p, r.inner, p.candidates).map((u) => ({
    id: ids[u.node]!,
    reason: u.reason as LeftOutReason,
  }))
  return { format, score: r.score, length: route.travelTime, route: stops.map((s) => s.id), stops, unplanned }
}

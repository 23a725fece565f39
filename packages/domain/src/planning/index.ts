export type { LeftOutReason } from './core/explain-left-out.ts'
export { optwBenchmarkProblem } from './core/optw-benchmark-problem.ts'
export type { BreakRule, OrienteeringProblem } from './core/orienteering-problem.ts'
export { BREAK } from './core/orienteering-problem.ts'
export { RouteState } from './core/route-state.ts'
export { type OrienteeringResult, solveOrienteering } from './core/solve-orienteering.ts'
export { detectPlanFormat, type PlanFileFormat } from './formats/detect-plan-format.ts'
export {
  type OptwInstance,
  type OptwVertex,
  parseOptw,
  parseSolomon,
  truncatedEuclidean,
} from './formats/parse-optw-text.ts'
export { parseTsplib, type TsplibInstance, tsplibDistanceMatrix } from './formats/parse-tsplib.ts'
export { LUNCH_ID, type PlannedDay, type PlannedStop, planDay, type UnplannedReason } from './plan-day.ts'
export {
  type Appointment,
  type DayCustomer,
  END_ID,
  type PlanDayInput,
  PlanInputError,
  parsePlanDayInput,
  planDayInputSchema,
  START_ID,
  type TravelModel,
} from './plan-day-input.ts'
export { type PlanWeekInput, planWeek, type WeekCustomer, type WeekDay, type WeekPlan } from './plan-week.ts'
export { type DayProgress, type Replan, replanDay } from './replan-day.ts'
export { type PlanFileResult, solveOptwInstance, solvePlanText } from './solve-plan-file.ts'
export { haversineKm, haversineTravel, type LatLng } from './travel-model.ts'
export {
  nearestNeighbourTour,
  type SearchBudget,
  solveTsp,
  type TspResult,
  tourLength,
} from './tsp/solve-tsp.ts'
export { verifyOptwRoute, verifyTspTour } from './verify/verify-benchmark-route.ts'
export { verifyDayPlan } from './verify/verify-day-plan.ts'
export {
  type CadenceCustomer,
  type CadencePolicy,
  type CadenceStage,
  type CadenceTier,
  DEFAULT_CADENCE_POLICY,
  type PriorityFact,
  type VisitCadence,
  visitCadence,
} from './visit-cadence.ts'

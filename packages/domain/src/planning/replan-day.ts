import { type PlannedDay, planDay } from './plan-day.ts'
import { END_ID, type PlanDayInput, PlanInputError, START_ID } from './plan-day-input.ts'
import type { LatLng } from './travel-model.ts'

export interface DayProgress {
  /** Current time, minutes since midnight. */
  now: number
  /** Where the rep is now. */
  position: LatLng
  /** Customer or appointment ids already visited today (kept, never re-planned). */
  done: string[]
  /** Ids the rep decided to skip today (not re-planned). */
  skipped?: string[]
  /** With a travel matrix: the matrix id where the rep is now (default: the last done id, else '@start'). */
  atId?: string
  /** Whether the lunch break has been taken already. */
  breakTaken?: boolean
}

export interface Replan {
  done: string[]
  skipped: string[]
  /** The rest of the day, from now and here. */
  plan: PlannedDay
}

/**
 * Re-plans the remainder of a day from the current time and position. Finished and skipped stops
 * are removed, past appointments that were not done are reported as conflicts, and the search
 * budget is kept small because this runs interactively on the device.
 */
export function replanDay(input: PlanDayInput, progress: DayProgress): Replan {
  const done = new Set(progress.done)
  const skipped = new Set(progress.skipped ?? [])
  const gone = (id: string) => done.has(id) || skipped.has(id)
  const end = input.end ?? input.start
  const now = progress.now
  const rest: PlanDayInput = {
    ...input,
    start: progress.position,
    end,
    workingHours: { start: now, end: Math.max(now, input.workingHours.end) },
    customers: input.customers.filter((c) => !gone(c.id)),
    appointments: (input.appointments ?? []).filter((a) => !gone(a.id)),
    maxIterations: input.maxIterations ?? 300,
    timeLimitMs: input.timeLimitMs ?? 400,
  }
  if (input.travel?.kind === 'matrix') {
    rest.travel = rebaseMatrix(input.travel, progress.atId ?? progress.done.at(-1) ?? START_ID)
  }
  if (progress.breakTaken || !input.lunch) delete rest.lunch
  else if (input.lunch.latest < now) delete rest.lunch
  else rest.lunch = { ...input.lunch, earliest: Math.max(input.lunch.earliest, now) }
  const plan = planDay(rest)
  if (input.lunch && !progress.breakTaken && input.lunch.latest < now) {
    plan.warnings.push('the lunch break window has passed without a break')
  }
  return { done: [...done], skipped: [...skipped], plan }
}

type MatrixTravel = Extract<NonNullable<PlanDayInput['travel']>, { kind: 'matrix' }>

/** Matrix rows are per place id, so the new start is the row of the place the rep is at now. */
function rebaseMatrix(t: MatrixTravel, atId: string): MatrixTravel {
  const row = new Map(t.ids.map((id, i) => [id, i]))
  const at = row.get(atId)
  if (at === undefined) throw new PlanInputError(`invalid re-plan: travel matrix has no row for "${atId}"`)
  const endRow = row.get(END_ID) ?? row.get(START_ID)!
  const others = t.ids.filter((id) => id !== START_ID && id !== END_ID)
  const ids = [...others, START_ID, END_ID]
  const src = ids.map((id) => (id === START_ID ? at : id === END_ID ? endRow : row.get(id)!))
  const pick = (m: number[][]) => src.map((a) => src.map((b) => (a === b ? 0 : m[a]![b]!)))
  return t.km
    ? { kind: 'matrix', ids, minutes: pick(t.minutes), km: pick(t.km) }
    : { kind: 'matrix', ids, minutes: pick(t.minutes) }
}

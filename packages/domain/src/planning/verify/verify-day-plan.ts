import type { PlannedDay } from '../plan-day.ts'
import { END_ID, type PlanDayInput, START_ID } from '../plan-day-input.ts'
import { haversineTravel } from '../travel-model.ts'

const TOL = 1e-6

type Stop = PlannedDay['stops'][number]

/**
 * Independent check of a day plan against its input, written without the solver's bookkeeping:
 * it replays the stops in order and returns every violated rule (empty = feasible).
 */
export function verifyDayPlan(input: PlanDayInput, plan: PlannedDay): string[] {
  const errors: string[] = []
  const customers = new Map(input.customers.map((c) => [c.id, c]))
  const appointments = new Map((input.appointments ?? []).map((a) => [a.id, a]))
  const minutesBetween = travelMinutes(input, customers, appointments)
  let at = START_ID
  let clock = input.workingHours.start
  const seen = new Set<string>()
  let breaks = 0
  for (const s of plan.stops) {
    if (seen.has(s.id)) errors.push(`${s.id}: visited twice`)
    seen.add(s.id)
    if (s.kind === 'break') {
      breaks++
      errors.push(...breakErrors(input, s, clock))
      if (input.lunch) clock = s.depart
      continue
    }
    const leg = minutesBetween(at, s.id)
    if (Number.isNaN(leg)) errors.push(`${s.id}: unknown place`)
    if (Math.abs(s.arrive - (clock + leg)) > TOL) errors.push(`${s.id}: arrive ${s.arrive} != ${clock + leg}`)
    if (s.start < s.arrive - TOL) errors.push(`${s.id}: starts before arriving`)
    errors.push(...serviceErrors(input, s, customers, appointments))
    clock = s.depart
    at = s.id
  }
  const back = clock + minutesBetween(at, END_ID)
  if (back > input.workingHours.end + TOL) errors.push(`day ends at ${back}, after ${input.workingHours.end}`)
  if (Math.abs(plan.end.arrive - back) > TOL) errors.push(`end arrival ${plan.end.arrive} != ${back}`)
  for (const a of input.appointments ?? []) {
    const conflict = plan.unplanned.some((u) => u.id === a.id && u.reason === 'appointment_conflict')
    if (!seen.has(a.id) && !conflict) errors.push(`${a.id}: appointment missing`)
  }
  if (input.lunch && breaks === 0 && !plan.warnings.some((w) => w.includes('lunch')))
    errors.push('lunch missing')
  const score = plan.stops.reduce(
    (t, s) => t + (customers.get(s.id)?.priority ?? 0) * (s.kind === 'visit' ? 1 : 0),
    0,
  )
  if (Math.abs(score - plan.totals.score) > 1e-6) errors.push(`score ${plan.totals.score} != ${score}`)
  return errors
}

type Customers = Map<string, PlanDayInput['customers'][number]>
type Appointments = Map<string, NonNullable<PlanDayInput['appointments']>[number]>

/** Minutes between two stops by id, from the input's matrix or its haversine model (NaN for an unknown place). */
function travelMinutes(input: PlanDayInput, customers: Customers, appointments: Appointments) {
  const travel = input.travel ?? { kind: 'haversine', speedKmh: 35, detourFactor: 1.3 }
  const place = (id: string) => {
    if (id === START_ID) return input.start
    if (id === END_ID) return input.end ?? input.start
    return appointments.get(id) ?? customers.get(id)
  }
  return (from: string, to: string): number => {
    if (travel.kind === 'matrix') {
      const key = (id: string) => (id === END_ID && !travel.ids.includes(END_ID) ? START_ID : id)
      const a = travel.ids.indexOf(key(from))
      const b = travel.ids.indexOf(key(to))
      return a === b ? 0 : (travel.minutes[a]?.[b] ?? Number.NaN)
    }
    const pa = place(from)
    const pb = place(to)
    if (!pa || !pb) return Number.NaN
    return haversineTravel(pa, pb, travel.detourFactor ?? 1.3, travel.speedKmh ?? 35).minutes
  }
}

/** A break taken on arrival (at `clock`), inside the lunch window, for the lunch's duration. */
function breakErrors(input: PlanDayInput, s: Stop, clock: number): string[] {
  const lunch = input.lunch
  if (!lunch) return ['break planned but no lunch requested']
  const errors: string[] = []
  if (Math.abs(s.arrive - clock) > TOL) errors.push(`break: arrive ${s.arrive} != ${clock}`)
  if (s.start < clock - TOL || s.start < lunch.earliest - TOL || s.start > lunch.latest + TOL) {
    errors.push(`break: starts at ${s.start}, outside [${lunch.earliest}, ${lunch.latest}]`)
  }
  if (Math.abs(s.depart - s.start - lunch.duration) > TOL) errors.push('break: wrong duration')
  return errors
}

/** An appointment at its time, a customer within opening hours, and the service time either takes. */
function serviceErrors(
  input: PlanDayInput,
  s: Stop,
  customers: Customers,
  appointments: Appointments,
): string[] {
  const errors: string[] = []
  const mustEnd = input.serviceMustEndBeforeClose ?? true
  const app = appointments.get(s.id)
  const cust = customers.get(s.id)
  const service = app ? app.serviceMinutes : (cust?.serviceMinutes ?? Number.NaN)
  if (app) {
    if (Math.abs(s.start - app.start) > TOL) errors.push(`${s.id}: appointment moved to ${s.start}`)
  } else if (cust) {
    const windows = cust.windows ?? [{ open: 0, close: 2880 }]
    const ok = windows.some(
      (w) => s.start >= w.open - TOL && s.start <= (mustEnd ? w.close - service : w.close) + TOL,
    )
    if (!ok) errors.push(`${s.id}: service at ${s.start} outside opening hours`)
  } else errors.push(`${s.id}: not a customer or appointment`)
  if (Math.abs(s.depart - s.start - service) > TOL) errors.push(`${s.id}: wrong service time`)
  return errors
}

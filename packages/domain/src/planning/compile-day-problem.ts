import type { OrienteeringProblem } from './core/orienteering-problem.ts'
import { END_ID, type ParsedPlanDayInput, START_ID } from './plan-day-input.ts'
import { haversineTravel, type LatLng } from './travel-model.ts'

export type DayNodeKind = 'start' | 'end' | 'visit' | 'appointment'

/** The day as an orienteering problem plus the mapping back from node indices to ids. */
export interface DayProblem {
  problem: OrienteeringProblem
  ids: string[]
  kinds: DayNodeKind[]
  /** Customers that also have a fixed appointment today are visited through the appointment. */
  customerNodes: number[]
}

/**
 * Compiles validated day input into the solver's problem. Node 0 is the start, node 1 the end,
 * then candidate customers, then fixed appointments (mandatory, window [t, t]).
 */
export function compileDayProblem(input: ParsedPlanDayInput): DayProblem {
  const appointmentIds = new Set(input.appointments.map((a) => a.id))
  const customers = input.customers.filter((c) => !appointmentIds.has(c.id))
  const ids = [START_ID, END_ID, ...customers.map((c) => c.id), ...input.appointments.map((a) => a.id)]
  const kinds: DayNodeKind[] = [
    'start',
    'end',
    ...customers.map((): DayNodeKind => 'visit'),
    ...input.appointments.map((): DayNodeKind => 'appointment'),
  ]
  const places: LatLng[] = [input.start, input.end ?? input.start, ...customers, ...input.appointments]
  const size = ids.length
  const travel = new Float64Array(size * size)
  const distance = new Float64Array(size * size)
  const t = input.travel
  if (t.kind === 'haversine') {
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        if (a === b) continue
        const leg = haversineTravel(places[a]!, places[b]!, t.detourFactor, t.speedKmh)
        travel[a * size + b] = leg.minutes
        distance[a * size + b] = leg.km
      }
    }
  } else {
    const row = new Map(t.ids.map((id, i) => [id, i]))
    // Without an explicit end row the day ends where it started.
    const rowOf = (i: number): number => row.get(i === 1 && !input.end ? START_ID : ids[i]!)!
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        if (a === b) continue
        const ra = rowOf(a)
        const rb = rowOf(b)
        travel[a * size + b] = t.minutes[ra]![rb]!
        distance[a * size + b] = t.km?.[ra]?.[rb] ?? 0
      }
    }
  }
  const service = new Float64Array(size)
  const profit = new Float64Array(size)
  const mandatory = new Uint8Array(size)
  const windows: Float64Array[] = [new Float64Array(0), new Float64Array(0)]
  customers.forEach((c, i) => {
    const node = 2 + i
    service[node] = c.serviceMinutes
    profit[node] = c.priority
    const raw = c.windows ?? [{ open: 0, close: 2880 }]
    const flat: number[] = []
    for (const w of [...raw].sort((x, y) => x.open - y.open)) {
      const close = input.serviceMustEndBeforeClose ? w.close - c.serviceMinutes : w.close
      if (close >= w.open) flat.push(w.open, close)
    }
    windows[node] = Float64Array.from(flat)
  })
  input.appointments.forEach((a, i) => {
    const node = 2 + customers.length + i
    service[node] = a.serviceMinutes
    mandatory[node] = 1
    windows[node] = Float64Array.of(a.start, a.start)
  })
  const problem: OrienteeringProblem = {
    size,
    travel,
    distance,
    service,
    profit,
    windows,
    mandatory,
    candidates: ids.map((_, i) => i).filter((i) => i >= 2),
    start: 0,
    end: 1,
    startTime: input.workingHours.start,
    endTime: input.workingHours.end,
  }
  if (input.lunch) problem.break = { ...input.lunch }
  return { problem, ids, kinds, customerNodes: customers.map((_, i) => 2 + i) }
}

import { z } from 'zod'

/** Minutes since local midnight, 0..2880 (a shift may run past midnight). */
const minutes = z.number().min(0).max(2880)
const latLng = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) })
const window = z
  .object({ open: minutes, close: minutes })
  .refine((w) => w.open <= w.close, { message: 'window open must not be after close' })

export const START_ID = '@start'
export const END_ID = '@end'

export const travelModelSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('haversine'),
    /** Average driving speed, km/h. */
    speedKmh: z.number().positive().default(35),
    /** Road distance / straight-line distance. */
    detourFactor: z.number().min(1).default(1.3),
  }),
  z.object({
    kind: z.literal('matrix'),
    /** Row/column ids: customer and appointment ids plus '@start' (and '@end' when the day ends elsewhere). */
    ids: z.array(z.string()).min(1),
    minutes: z.array(z.array(z.number().min(0))),
    km: z.array(z.array(z.number().min(0))).optional(),
  }),
])

export const dayCustomerSchema = z.object({
  id: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Visit priority (e.g. from `visitPriority`); the planner maximises the sum of visited priorities. */
  priority: z.number().min(0),
  serviceMinutes: z.number().min(0),
  /** Opening windows for this weekday; omitted = open all day, [] = closed today. */
  windows: z.array(window).optional(),
})

export const appointmentSchema = z.object({
  id: z.string().min(1),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Fixed start, minutes since midnight. */
  start: minutes,
  serviceMinutes: z.number().min(0),
})

export const planDayInputSchema = z.object({
  start: latLng,
  /** Where the day ends; defaults to the start. */
  end: latLng.optional(),
  workingHours: z
    .object({ start: minutes, end: minutes })
    .refine((w) => w.start <= w.end, { message: 'working hours start must not be after end' }),
  /** A break of `duration` minutes that must start within [earliest, latest]. */
  lunch: z
    .object({ duration: z.number().min(0), earliest: minutes, latest: minutes })
    .refine((b) => b.earliest <= b.latest, { message: 'lunch earliest must not be after latest' })
    .optional(),
  customers: z.array(dayCustomerSchema),
  appointments: z.array(appointmentSchema).default([]),
  travel: travelModelSchema.default({ kind: 'haversine', speedKmh: 35, detourFactor: 1.3 }),
  /** When true (default) a visit must also finish before its window closes, not only start inside it. */
  serviceMustEndBeforeClose: z.boolean().default(true),
  seed: z.number().int().default(1),
  /** Days with at most this many items are solved exactly; -1 forces the heuristic (for testing). */
  exactUpTo: z.number().int().min(-1).optional(),
  maxIterations: z.number().int().positive().optional(),
  timeLimitMs: z.number().positive().optional(),
})

export type PlanDayInput = z.input<typeof planDayInputSchema>
export type ParsedPlanDayInput = z.output<typeof planDayInputSchema>
export type DayCustomer = z.output<typeof dayCustomerSchema>
export type Appointment = z.output<typeof appointmentSchema>
export type TravelModel = z.output<typeof travelModelSchema>

/** Raised for input that fails validation; `message` lists every problem with its path. */
export class PlanInputError extends Error {
  override readonly name = 'PlanInputError'
}

/** Validates planner input, throwing a PlanInputError with a readable list of issues. */
export function parsePlanDayInput(input: unknown): ParsedPlanDayInput {
  const r = planDayInputSchema.safeParse(input)
  if (!r.success) throw new PlanInputError(`invalid day-plan input:\n${z.prettifyError(r.error)}`)
  const v = r.data
  const ids = new Set<string>()
  for (const c of v.customers) {
    if (ids.has(c.id)) throw new PlanInputError(`invalid day-plan input: duplicate customer id "${c.id}"`)
    ids.add(c.id)
  }
  const appIds = new Set<string>()
  for (const a of v.appointments) {
    if (appIds.has(a.id))
      throw new PlanInputError(`invalid day-plan input: duplicate appointment id "${a.id}"`)
    appIds.add(a.id)
  }
  if (v.travel.kind === 'matrix') {
    const t = v.travel
    const n = t.ids.length
    if (t.minutes.length !== n || t.minutes.some((row) => row.length !== n)) {
      throw new PlanInputError(
        'invalid day-plan input: travel.minutes must be a square matrix matching travel.ids',
      )
    }
    if (t.km && (t.km.length !== n || t.km.some((row) => row.length !== n))) {
      throw new PlanInputError(
        'invalid day-plan input: travel.km must be a square matrix matching travel.ids',
      )
    }
    const known = new Set(t.ids)
    const needed = [START_ID, ...(v.end ? [END_ID] : []), ...ids, ...appIds]
    const missing = needed.filter((id) => !known.has(id))
    if (missing.length > 0) {
      throw new PlanInputError(`invalid day-plan input: travel matrix has no row for ${missing.join(', ')}`)
    }
  }
  return v
}

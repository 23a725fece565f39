import { weekdayOfDay } from '../analytics/day-number.ts'
import { parseDayNumber } from '../calendar/civil-day.ts'
import { type PlannedDay, planDay, type UnplannedReason } from './plan-day.ts'
import { type PlanDayInput, PlanInputError } from './plan-day-input.ts'
import type { LatLng } from './travel-model.ts'

type Window = { open: number; close: number }

export interface WeekCustomer {
  id: string
  lat: number
  lng: number
  /** Base visit priority (e.g. from `visitCadence`). */
  priority: number
  serviceMinutes: number
  /** YYYY-MM-DD the visit is due. */
  dueDate: string
  /** Opening windows per weekday (0 = Sunday … 6 = Saturday). Omitted = always open; a missing day = closed. */
  openingHours?: Partial<Record<number, Window[]>>
}

export interface WeekDay {
  /** YYYY-MM-DD */
  date: string
  workingHours: { start: number; end: number }
  lunch?: { duration: number; earliest: number; latest: number }
  appointments?: PlanDayInput['appointments']
}

export interface PlanWeekInput {
  start: LatLng
  end?: LatLng
  travel?: PlanDayInput['travel']
  /** The next N working days, in date order. */
  days: WeekDay[]
  customers: WeekCustomer[]
  /** A customer may be visited up to this many days before its due date (default 0). */
  slackDays?: number
  seed?: number
  maxIterationsPerDay?: number
}

export interface WeekPlan {
  days: { date: string; plan: PlannedDay }[]
  /** Customers due within the horizon that got no visit, with the reason from their last possible day. */
  unplanned: { id: string; reason: UnplannedReason }[]
}

const dayNumber = (iso: string): number => {
  const day = parseDayNumber(iso.slice(0, 10))
  if (Number.isNaN(day)) throw new PlanInputError(`invalid week-plan input: bad date "${iso}"`)
  return day
}

/**
 * Overdue visits weigh more the longer they wait; early visits (inside the slack) weigh little,
 * so they only fill time nothing due could use.
 */
function dayPriority(base: number, daysOverdue: number): number {
  if (daysOverdue < 0) return base * 0.25
  return base * (1 + Math.min(daysOverdue, 14) / 7)
}

/**
 * Spreads due visits over the given working days: each day is planned with `planDay`, in order,
 * with the customers due by then (or within the slack), overdue ones first; nobody is visited twice.
 */
export function planWeek(input: PlanWeekInput): WeekPlan {
  const slack = input.slackDays ?? 0
  const placed = new Set<string>()
  const lastReason = new Map<string, UnplannedReason>()
  const days: WeekPlan['days'] = []
  const lastDay = input.days.length > 0 ? dayNumber(input.days.at(-1)!.date) : Number.NEGATIVE_INFINITY
  for (const [i, day] of input.days.entries()) {
    const today = dayNumber(day.date)
    const weekday = weekdayOfDay(today)
    const customers: PlanDayInput['customers'] = []
    for (const c of input.customers) {
      if (placed.has(c.id)) continue
      const overdue = today - dayNumber(c.dueDate)
      if (overdue < -slack) continue
      const windows = c.openingHours ? (c.openingHours[weekday] ?? []) : undefined
      customers.push({
        id: c.id,
        lat: c.lat,
        lng: c.lng,
        priority: dayPriority(c.priority, overdue),
        serviceMinutes: c.serviceMinutes,
        ...(windows ? { windows } : {}),
      })
    }
    const dayInput: PlanDayInput = {
      start: input.start,
      workingHours: day.workingHours,
      customers,
      seed: (input.seed ?? 1) + i,
    }
    if (input.end) dayInput.end = input.end
    if (input.travel) dayInput.travel = input.travel
    if (day.lunch) dayInput.lunch = day.lunch
    if (day.appointments) dayInput.appointments = day.appointments
    if (input.maxIterationsPerDay) dayInput.maxIterations = input.maxIterationsPerDay
    const plan = planDay(dayInput)
    for (const s of plan.stops) if (s.kind !== 'break') placed.add(s.id)
    for (const u of plan.unplanned) lastReason.set(u.id, u.reason)
    days.push({ date: day.date, plan })
  }
  const unplanned = input.customers
    .filter((c) => !placed.has(c.id) && dayNumber(c.dueDate) <= lastDay)
    .map((c) => ({ id: c.id, reason: lastReason.get(c.id) ?? ('no_time' as const) }))
  return { days, unplanned }
}

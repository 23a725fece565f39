import type { DayPlan } from '@outrider/domain'
import type { TodayPlan } from '../../worker/insights-types.ts'

export type DocStop = DayPlan['stops'][number]

/** One plan per rep and day, the same id on every device, so two phones edit one record. */
export const dayPlanId = (repId: string, date: string) => `dayplan-${repId}-${date}`

const minute = (m: number) => Math.min(1440, Math.max(0, Math.round(m)))

/** Planner stops as stored in the day plan (minutes clamped to the day, all still to do). */
export function docStopsOf(plan: TodayPlan): DocStop[] {
  return plan.stops.map((s) => ({
    customerId: s.customerId,
    arrive: minute(s.arrive),
    start: minute(s.start),
    depart: minute(s.depart),
    status: 'planned',
    visitId: null,
  }))
}

/** After a re-plan: stops already done or skipped stay as they were, the new route replaces the rest. */
export function mergeReplan(existing: readonly DocStop[], rest: TodayPlan): DocStop[] {
  const kept = existing.filter((s) => s.status !== 'planned')
  const keptIds = new Set(kept.map((s) => s.customerId))
  return [...kept, ...docStopsOf(rest).filter((s) => !keptIds.has(s.customerId))]
}

/** Marks one stop done or skipped (or back to planned). */
export function withStatus(
  stops: readonly DocStop[],
  customerId: string,
  status: DocStop['status'],
): DocStop[] {
  return stops.map((s) => (s.customerId === customerId ? { ...s, status } : s))
}

export function progressOf(stops: readonly DocStop[]): { done: string[]; skipped: string[] } {
  return {
    done: stops.filter((s) => s.status === 'done').map((s) => s.customerId),
    skipped: stops.filter((s) => s.status === 'skipped').map((s) => s.customerId),
  }
}

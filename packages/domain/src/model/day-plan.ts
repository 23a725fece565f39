import { z } from 'zod'
import { idSchema, isoDateSchema, isoDateTimeSchema, mergeableBase, minuteOfDaySchema } from './common.ts'

export const plannedStopSchema = z.object({
  customerId: idSchema,
  arrive: minuteOfDaySchema,
  start: minuteOfDaySchema,
  depart: minuteOfDaySchema,
  status: z.enum(['planned', 'done', 'skipped']),
  visitId: idSchema.nullable(),
})

export const dayPlanSchema = z.object({
  ...mergeableBase,
  /** Server-owned: a rep's plans are their own. */
  repId: idSchema,
  date: isoDateSchema,
  stops: z.array(plannedStopSchema).max(100),
  startedAt: isoDateTimeSchema.nullable(),
  finishedAt: isoDateTimeSchema.nullable(),
})
export type DayPlan = z.infer<typeof dayPlanSchema>

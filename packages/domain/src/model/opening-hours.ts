import { z } from 'zod'
import { minuteOfDaySchema } from './common.ts'

export const timeWindowSchema = z
  .object({ open: minuteOfDaySchema, close: minuteOfDaySchema })
  .refine((w) => w.close > w.open, { message: 'close must be after open' })
export type TimeWindow = z.infer<typeof timeWindowSchema>

/** Index 0 = Sunday … 6 = Saturday (as `Date#getDay`); an empty list means closed that day. */
export const openingHoursSchema = z.array(z.array(timeWindowSchema).max(6)).length(7)
export type OpeningHours = z.infer<typeof openingHoursSchema>

export function windowsOn(hours: OpeningHours, weekday: number): TimeWindow[] {
  return hours[weekday] ?? []
}

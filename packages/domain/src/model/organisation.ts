import { z } from 'zod'
import { minuteOfDaySchema, shortText } from './common.ts'

/** An IANA time zone the runtime knows (`Asia/Shanghai`, `Europe/Berlin`). */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, 'not a known time zone')

/** Which public holidays the organisation keeps: mainland China's, or none (its own list in the policy). */
export const holidayCalendarSchema = z.enum(['cn', 'none'])

/** The organisation, set up once on first run (settings key `organisation`). */
export const organisationSchema = z
  .object({
    name: shortText.min(1),
    timeZone: timeZoneSchema,
    /** ISO 4217 code, e.g. CNY. */
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency: three capital letters, e.g. CNY'),
    /** 0 = Sunday … 6 = Saturday. */
    workingDays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
    workStart: minuteOfDaySchema,
    workEnd: minuteOfDaySchema,
    holidayCalendar: holidayCalendarSchema,
  })
  .refine((o) => o.workEnd > o.workStart, { message: 'work must end after it starts', path: ['workEnd'] })
export type Organisation = z.infer<typeof organisationSchema>

/** What the setup screen proposes: a Chinese office's usual week. */
export const defaultOrganisation: Omit<Organisation, 'name'> = {
  timeZone: 'Asia/Shanghai',
  currency: 'CNY',
  workingDays: [1, 2, 3, 4, 5],
  workStart: 9 * 60,
  workEnd: 18 * 60,
  holidayCalendar: 'cn',
}

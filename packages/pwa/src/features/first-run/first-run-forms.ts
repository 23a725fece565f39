import { timeZoneSchema } from '@outrider/domain'
import { z } from 'zod'

/** Form schemas whose issue messages are keys of `firstRun.errors`. */
const password = z.string().min(8, 'short').max(200, 'short')
export const passwordPairSchema = z
  .object({ password, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { message: 'mismatch', path: ['confirm'] })

const time = z.string().regex(/^\d{2}:\d{2}$/, 'required')
export const setupFormSchema = z
  .object({
    name: z.string().trim().min(1, 'required').max(200, 'required'),
    timeZone: z.string().refine((tz) => timeZoneSchema.safeParse(tz).success, 'timeZone'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency'),
    workingDays: z.array(z.string()).min(1, 'days'),
    workStart: time,
    workEnd: time,
    holidayCalendar: z.enum(['cn', 'none']),
    adminName: z.string().trim().min(1, 'required').max(200, 'required'),
    email: z.email('email').max(200, 'email'),
    password,
    confirm: z.string(),
  })
  .refine((f) => f.password === f.confirm, { message: 'mismatch', path: ['confirm'] })
  .refine((f) => f.workEnd > f.workStart, { message: 'hours', path: ['workEnd'] })
export type SetupForm = z.input<typeof setupFormSchema>

export const changeFormSchema = z
  .object({ current: z.string().min(1, 'required'), password, confirm: z.string() })
  .refine((f) => f.password === f.confirm, { message: 'mismatch', path: ['confirm'] })

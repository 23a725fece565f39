import { z } from 'zod'

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/)
export const toMinute = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5))

/** The add-prospect form; messages are i18n keys under `customers.errors`. */
export const prospectFormSchema = z
  .object({
    name: z.string().trim().min(1, 'name').max(200, 'name'),
    phone: z
      .string()
      .trim()
      .max(40, 'phone')
      .refine((p) => p === '' || /^[\d\s+\-()]{5,}$/.test(p), 'phone'),
    address: z.string().trim().min(1, 'address').max(500, 'address'),
    city: z.string().trim().min(1, 'city').max(200, 'city'),
    district: z.string().trim().max(200),
    notes: z.string().max(5000),
    opens: hhmm,
    closes: hhmm,
    closedSunday: z.boolean(),
  })
  .refine((v) => toMinute(v.closes) > toMinute(v.opens), { message: 'hours', path: ['closes'] })
export type ProspectForm = z.infer<typeof prospectFormSchema>

export const prospectDefaults: ProspectForm = {
  name: '',
  phone: '',
  address: '',
  city: '',
  district: '',
  notes: '',
  opens: '09:00',
  closes: '18:00',
  closedSunday: false,
}

/** Same hours every day (Sunday optionally closed), in the model's shape: index 0 = Sunday. */
export function openingHoursOf(v: Pick<ProspectForm, 'opens' | 'closes' | 'closedSunday'>) {
  const day = [{ open: toMinute(v.opens), close: toMinute(v.closes) }]
  return Array.from({ length: 7 }, (_, d) => (d === 0 && v.closedSunday ? [] : day))
}

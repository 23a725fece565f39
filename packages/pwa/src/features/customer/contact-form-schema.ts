import { contactChannelSchema } from '@outrider/domain'
import { z } from 'zod'

// Messages are keys of `customer.contactErrors` (shown under the field, translated).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** At least five digits, whatever else people write around them (spaces, dashes, 转 8). */
const PHONE = /(\d\D*){5}/

/** The contact form, checked field by field; `today` (YYYY-MM-DD) bounds the birthday. */
export function contactFormSchema(today: string) {
  return z.object({
    name: z.string().trim().min(1, { message: 'nameRequired' }).max(200, { message: 'tooLong' }),
    title: z.string().max(200, { message: 'tooLong' }),
    phone: z
      .string()
      .trim()
      .refine((v) => v === '' || PHONE.test(v), { message: 'badPhone' }),
    wechat: z.string().max(200, { message: 'tooLong' }),
    email: z
      .string()
      .trim()
      .refine((v) => v === '' || EMAIL.test(v), { message: 'badEmail' }),
    birthday: z.string().refine((v) => v === '' || v <= today, { message: 'birthdayFuture' }),
    preferredChannel: z.union([contactChannelSchema, z.literal('')]),
    primary: z.boolean(),
  })
}
export type ContactFormValues = z.infer<ReturnType<typeof contactFormSchema>>

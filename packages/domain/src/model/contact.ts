import { z } from 'zod'
import { idSchema, isoDateSchema, mergeableBase, shortText } from './common.ts'
import { contactChannelSchema } from './service-policy.ts'

export const contactSchema = z.object({
  ...mergeableBase,
  customerId: idSchema,
  /** Server-owned: the owner of the contact's customer, kept with it on reassignment. */
  ownerRepId: idSchema.nullable().optional(),
  name: shortText.min(1),
  title: shortText.optional(),
  phone: shortText.optional(),
  wechat: shortText.optional(),
  email: shortText.optional(),
  birthday: isoDateSchema.optional(),
  preferredChannel: contactChannelSchema.optional(),
  primary: z.boolean(),
  deleted: z.boolean().optional(),
})
export type Contact = z.infer<typeof contactSchema>

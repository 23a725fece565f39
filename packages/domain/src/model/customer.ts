import { z } from 'zod'
import {
  geoPointSchema,
  idSchema,
  isoDateSchema,
  longText,
  mergeableBase,
  shortText,
  text,
  userKey,
} from './common.ts'
import { customFieldValueSchema } from './custom-field.ts'
import { openingHoursSchema } from './opening-hours.ts'
import { contactChannelSchema } from './service-policy.ts'

export const tierSchema = z.enum(['A', 'B', 'C'])
export type Tier = z.infer<typeof tierSchema>

export const customerStatusSchema = z.enum(['prospect', 'customer', 'inactive'])
export type CustomerStatus = z.infer<typeof customerStatusSchema>

/**
 * The status once the customer has an order: a prospect becomes a customer with its first order (the
 * phone sets it offline, the server when the order arrives); a customer or an inactive one keeps theirs.
 */
export function statusWithOrder(status: CustomerStatus): CustomerStatus {
  return status === 'prospect' ? 'customer' : status
}

export const customerSchema = z.object({
  ...mergeableBase,
  name: shortText.min(1),
  /** Search keys derived from the name: full pinyin and initials (see `searchKeysFor`). */
  searchKeys: z.array(shortText).max(10),
  status: customerStatusSchema,
  phone: shortText.optional(),
  address: text(500),
  city: shortText,
  district: shortText.optional(),
  location: geoPointSchema.nullable(),
  openingHours: openingHoursSchema,
  /** Server-owned: set by a supervisor's assignment, never by a device push. */
  ownerRepId: idSchema.nullable(),
  /** Server-owned: the owner's team, kept with the owner. */
  teamId: idSchema.nullable(),
  industry: shortText.optional(),
  tags: z.array(shortText).max(50),
  /** Values of the admin's custom fields by key (and columns an import kept); merged key by key. */
  customFields: z.record(userKey(64), customFieldValueSchema),
  notes: longText.optional(),
  birthday: isoDateSchema.optional(),
  /** How the customer prefers to be contacted; absent: the tier's channel from the policy. */
  preferredChannel: contactChannelSchema.optional(),
  /** Set when this record was merged into another; the survivor keeps all history. */
  mergedInto: idSchema.optional(),
  deleted: z.boolean().optional(),
})
export type Customer = z.infer<typeof customerSchema>

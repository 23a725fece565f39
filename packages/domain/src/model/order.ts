import { z } from 'zod'
import { appendOnlyBase, idSchema, isoDateTimeSchema, shortText } from './common.ts'

export const orderLineSchema = z.object({
  productId: idSchema,
  name: shortText,
  quantity: z.number().positive().max(1e7),
  unitPrice: z.number().nonnegative().max(1e9),
})
export type OrderLine = z.infer<typeof orderLineSchema>

export const orderStatusSchema = z.enum(['placed', 'cancelled'])

export const orderSchema = z.object({
  ...appendOnlyBase,
  customerId: idSchema,
  /** Server-owned: the customer's owner at the time, kept for scope. */
  ownerRepId: idSchema.nullable().optional(),
  visitId: idSchema.nullable(),
  orderedAt: isoDateTimeSchema,
  status: orderStatusSchema,
  lines: z.array(orderLineSchema).min(1).max(200),
})
export type Order = z.infer<typeof orderSchema>

/** Sum of quantity × price, in cents to avoid float drift, returned in currency units. */
export function orderTotal(lines: readonly OrderLine[]): number {
  let cents = 0
  for (const l of lines) cents += Math.round(l.quantity * l.unitPrice * 100)
  return cents / 100
}

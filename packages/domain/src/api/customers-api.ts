import { z } from 'zod'
import { idSchema } from '../model/common.ts'
import { customerSchema } from '../model/customer.ts'
import { defineEndpoint } from './endpoint.ts'

/** Supervisors (re)assign their team's customers to a rep of their team, in bulk; admins anywhere. */
export const assignCustomers = defineEndpoint({
  method: 'POST',
  path: '/api/customers/assign',
  body: z.object({
    customerIds: z.array(z.string().min(1).max(64)).min(1).max(5000),
    repId: z.string().min(1).max(64),
  }),
  response: z.object({ moved: z.number().int().nonnegative() }),
})

/** Folds a duplicate customer into a survivor, keeping the history of both. */
export const mergeCustomers = defineEndpoint({
  method: 'POST',
  path: '/api/customers/merge',
  body: z.object({ survivorId: idSchema, duplicateId: idSchema }),
  response: z.object({
    survivor: customerSchema.loose(),
    moved: z.record(z.string(), z.number().int().nonnegative()),
  }),
})

import { z } from 'zod'
import { idSchema } from '../model/common.ts'
import { contactSchema } from '../model/contact.ts'
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

const count = z.number().int().nonnegative()

/** One side of a duplicate pair as the supervisor compares it: every field, its contacts, its history. */
export const duplicateSideSchema = z.object({
  customer: customerSchema.loose(),
  contacts: z.array(contactSchema.loose()),
  orders: count,
  visits: count,
  /** The owning rep's name, when it has one. */
  owner: z.string().nullable(),
})
export type DuplicateSide = z.infer<typeof duplicateSideSchema>

/**
 * Likely duplicates among the stored customers the caller may merge (a supervisor's team, an admin's
 * whole organisation), found by the detector the import uses; the best-scoring pairs first.
 */
export const listDuplicateCustomers = defineEndpoint({
  method: 'GET',
  path: '/api/customers/duplicates',
  response: z.object({
    pairs: z.array(
      z.object({
        a: idSchema,
        b: idSchema,
        score: z.number(),
        reasons: z.array(z.object({ en: z.string(), zh: z.string() })),
      }),
    ),
    /** Both sides of every pair, by id. */
    customers: z.record(z.string(), duplicateSideSchema),
    /** Whether more pairs were found than listed (merge these, then look again). */
    more: z.boolean(),
  }),
})

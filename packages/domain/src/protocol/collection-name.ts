import { z } from 'zod'

export const collectionNameSchema = z.enum([
  'customers',
  'contacts',
  'orders',
  'visits',
  'tasks',
  'feedback',
  'dayPlans',
  'products',
  'policies',
  'tagRules',
  'teams',
  'users',
  'conflicts',
])
export type CollectionName = z.infer<typeof collectionNameSchema>

/**
 * How a collection's records change: `mergeable` ones merge field by field on per-field clocks,
 * `appendOnly` ones never change (a correction is a new revision), `readOnly` ones devices only pull.
 */
export const collectionKindSchema = z.enum(['mergeable', 'appendOnly', 'readOnly'])
export type CollectionKind = z.infer<typeof collectionKindSchema>

export const collectionKinds: Readonly<Record<CollectionName, CollectionKind>> = {
  customers: 'mergeable',
  contacts: 'mergeable',
  tasks: 'mergeable',
  dayPlans: 'mergeable',
  orders: 'appendOnly',
  visits: 'appendOnly',
  feedback: 'appendOnly',
  products: 'readOnly',
  policies: 'readOnly',
  tagRules: 'readOnly',
  teams: 'readOnly',
  users: 'readOnly',
  conflicts: 'readOnly',
}

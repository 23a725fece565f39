import { z } from 'zod'
import type { CollectionDefinition, CollectionKind, ServerStamp } from './collection-definition.ts'

import { complaints } from './collections/complaints.ts'
import { conflicts } from './collections/conflicts.ts'
import { contacts } from './collections/contacts.ts'
import { customers } from './collections/customers.ts'
import { dayPlans } from './collections/day-plans.ts'
import { feedback } from './collections/feedback.ts'
import { orders } from './collections/orders.ts'
import {
  clusterModels,
  customFieldDefinitions,
  policies,
  populationThresholds,
  products,
  tagRules,
  teams,
} from './collections/reference.ts'
import { tasks } from './collections/tasks.ts'
import { users } from './collections/users.ts'
import { visits } from './collections/visits.ts'

/**
 * Every synced entity, by its wire name: the one place an entity is declared. The server's
 * validation, merge and SQL, the device's RxDB schemas and write helpers, and the protocol hash are
 * derived from these definitions (see docs/architecture.md, "Adding an entity").
 */
export const collectionTable = {
  customers,
  contacts,
  orders,
  visits,
  tasks,
  feedback,
  complaints,
  dayPlans,
  products,
  policies,
  tagRules,
  populationThresholds,
  customFieldDefinitions,
  clusterModels,
  teams,
  users,
  conflicts,
} as const

export type CollectionName = keyof typeof collectionTable
const names = Object.keys(collectionTable) as [CollectionName, ...CollectionName[]]
export const collectionNameSchema = z.enum(names)

/** The definition of one collection, typed by its name. */
export function collectionDefinition<C extends CollectionName>(name: C): (typeof collectionTable)[C] {
  return collectionTable[name]
}

/** The model document of a collection (without the wire's `_deleted` flag). */
export type CollectionDocument<C extends CollectionName> = z.infer<(typeof collectionTable)[C]['schema']>

export type MergeableCollection = {
  [C in CollectionName]: (typeof collectionTable)[C]['kind'] extends 'mergeable' ? C : never
}[CollectionName]
export type AppendOnlyCollection = {
  [C in CollectionName]: (typeof collectionTable)[C]['kind'] extends 'appendOnly' ? C : never
}[CollectionName]
/** Collections devices push: mergeable and append-only ones. */
export type WritableCollection = MergeableCollection | AppendOnlyCollection

/** One value per collection, computed from its definition. */
function perCollection<T>(
  f: (definition: CollectionDefinition, name: CollectionName) => T,
): Record<CollectionName, T> {
  const out: Partial<Record<CollectionName, T>> = {}
  for (const name of names) out[name] = f(collectionTable[name], name)
  return out as Record<CollectionName, T>
}

export const collectionKinds: Readonly<Record<CollectionName, CollectionKind>> = perCollection((d) => d.kind)

/** The model schema of each collection's documents. */
export const collectionSchemas = Object.fromEntries(
  names.map((name) => [name, collectionTable[name].schema]),
) as { readonly [C in CollectionName]: (typeof collectionTable)[C]['schema'] }

/** Fields only the server sets, per collection (see `ServerStamp` for how it sets each). */
export const serverOwnedFields: Readonly<Record<CollectionName, readonly string[]>> = perCollection((d) =>
  Object.keys(d.serverOwned),
)

/** Every server-owned field name of any collection; no collection uses one of these as a device field. */
export const allServerOwnedFields: ReadonlySet<string> = new Set(Object.values(serverOwnedFields).flat())

/** The table as a plain list, for code that walks every collection without caring which. */
export function everyCollection(): readonly (readonly [CollectionName, CollectionDefinition])[] {
  return names.map((name) => [name, collectionTable[name] as CollectionDefinition])
}

/** How the server stamps `field` of `collection`, if it owns it. */
export function serverStampOf(collection: CollectionName, field: string): ServerStamp | undefined {
  const stamps: Readonly<Record<string, ServerStamp>> = collectionTable[collection].serverOwned
  return Object.hasOwn(stamps, field) ? stamps[field] : undefined
}

/** A document as it crosses the wire: the model document plus RxDB's deletion flag. */
export function wireDocumentSchema<C extends CollectionName>(collection: C) {
  return collectionSchemas[collection].extend({ _deleted: z.boolean() })
}

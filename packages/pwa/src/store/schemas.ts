import {
  complaintSchema,
  contactSchema,
  customerSchema,
  dayPlanSchema,
  feedbackSchema,
  orderSchema,
  productSchema,
  servicePolicySchema,
  tagRuleSchema,
  taskSchema,
  teamSchema,
  visitSchema,
} from '@outrider/domain'
import type { RxJsonSchema } from 'rxdb'
import { z } from 'zod'

type Json = Record<string, unknown>

/**
 * Synced RxDB collections. Read-only reference data (products, policies, tag rules, teams, users)
 * shares one `reference` collection keyed `<kind>:<id>`: RxDB's open-source edition allows at most
 * 13 collections per app, and device-only data (drafts, photos, rejections) lives in Dexie instead.
 */
export const syncedCollections = [
  'customers',
  'contacts',
  'orders',
  'visits',
  'feedback',
  'tasks',
  'complaints',
  'dayPlans',
  'conflicts',
  'reference',
] as const
export type SyncedCollection = (typeof syncedCollections)[number]

/** Server collections folded into `reference` on the device. */
export const referenceKinds = ['products', 'policies', 'tagRules', 'teams', 'users'] as const
export type ReferenceKind = (typeof referenceKinds)[number]

const userPublicSchema = z.object({
  id: z.string().max(64),
  displayName: z.string(),
  role: z.enum(['rep', 'supervisor', 'admin']),
  teamId: z.string().nullable(),
  email: z.string().optional(),
  disabled: z.boolean().optional(),
  home: z.object({ lat: z.number(), lng: z.number() }).nullable().optional(),
  workStart: z.number().nullable().optional(),
  workEnd: z.number().nullable().optional(),
  createdAt: z.string().nullable().optional(),
  updatedAt: z.string().nullable().optional(),
})

const conflictSchema = z.object({ id: z.string().max(64) }).passthrough()

const zodSchemas: Record<SyncedCollection, z.ZodType> = {
  customers: customerSchema,
  contacts: contactSchema,
  orders: orderSchema,
  visits: visitSchema,
  feedback: feedbackSchema,
  tasks: taskSchema,
  complaints: complaintSchema,
  dayPlans: dayPlanSchema,
  conflicts: conflictSchema,
  reference: z.object({ id: z.string(), kind: z.enum(referenceKinds) }).passthrough(),
}

/** Schemas of the documents inside `reference`, by kind. */
export const referenceSchemas: Record<ReferenceKind, z.ZodType> = {
  products: productSchema,
  policies: servicePolicySchema,
  tagRules: tagRuleSchema,
  teams: teamSchema,
  users: userPublicSchema,
}

/** Indexed fields must be required strings with a maxLength for RxDB; we keep indexes few. */
const indexes: Partial<Record<SyncedCollection, string[]>> = {
  reference: ['kind'],
  contacts: ['customerId'],
  orders: ['customerId'],
  visits: ['customerId'],
  feedback: ['customerId'],
  complaints: ['customerId'],
}

/**
 * Schema version of a collection on the phone, raised when its documents change shape: a phone holding
 * documents of an older version migrates them when it opens (see `openLocalDb`) instead of refusing to open.
 * visits 1: `checkInReason`.
 */
export const schemaVersions: Partial<Record<SyncedCollection, number>> = { visits: 1 }

/**
 * RxDB schemas are derived from the domain's zod schemas (one source of truth); the store keeps
 * documents loosely typed (`additionalProperties`), validation happens in the domain on every write path.
 */
export function rxSchemaFor(name: SyncedCollection): RxJsonSchema<Json> {
  const json = z.toJSONSchema(zodSchemas[name], { unrepresentable: 'any', io: 'input' }) as Json
  const properties = { ...((json.properties as Json | undefined) ?? {}) }
  properties.id = { type: 'string', maxLength: 100 }
  for (const f of indexes[name] ?? []) properties[f] = { type: 'string', maxLength: 64 }
  return {
    version: schemaVersions[name] ?? 0,
    primaryKey: 'id',
    type: 'object',
    properties: properties as RxJsonSchema<Json>['properties'],
    required: ['id', ...(indexes[name] ?? [])],
    indexes: indexes[name] ?? [],
    additionalProperties: true,
  } as unknown as RxJsonSchema<Json>
}

import {
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

/** Local-only collections never sync; they hold drafts, photos waiting to upload and rejected pushes. */
export const syncedCollections = [
  'customers',
  'contacts',
  'orders',
  'visits',
  'feedback',
  'tasks',
  'dayPlans',
  'products',
  'policies',
  'tagRules',
  'teams',
  'users',
  'conflicts',
] as const
export type SyncedCollection = (typeof syncedCollections)[number]

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
  dayPlans: dayPlanSchema,
  products: productSchema,
  policies: servicePolicySchema,
  tagRules: tagRuleSchema,
  teams: teamSchema,
  users: userPublicSchema,
  conflicts: conflictSchema,
}

/** Indexed fields must be required strings with a maxLength for RxDB; we keep indexes few. */
const indexes: Partial<Record<SyncedCollection, string[]>> = {
  contacts: ['customerId'],
  orders: ['customerId'],
  visits: ['customerId'],
  feedback: ['customerId'],
}

/**
 * RxDB schemas are derived from the domain's zod schemas (one source of truth); the store keeps
 * documents loosely typed (`additionalProperties`), validation happens in the domain on every write path.
 */
export function rxSchemaFor(name: SyncedCollection): RxJsonSchema<Json> {
  const json = z.toJSONSchema(zodSchemas[name], { unrepresentable: 'any', io: 'input' }) as Json
  const properties = { ...((json.properties as Json | undefined) ?? {}) }
  properties.id = { type: 'string', maxLength: 64 }
  for (const f of indexes[name] ?? []) properties[f] = { type: 'string', maxLength: 64 }
  return {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: properties as RxJsonSchema<Json>['properties'],
    required: ['id', ...(indexes[name] ?? [])],
    indexes: indexes[name] ?? [],
    additionalProperties: true,
  } as RxJsonSchema<Json>
}

export const localSchemas = {
  drafts: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: { id: { type: 'string', maxLength: 100 }, kind: { type: 'string' }, data: { type: 'object' }, updatedAt: { type: 'string' } },
    required: ['id'],
  },
  rejections: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 200 },
      collection: { type: 'string' },
      docId: { type: 'string' },
      code: { type: 'string' },
      reason: { type: 'string' },
      doc: { type: 'object' },
      at: { type: 'string' },
    },
    required: ['id'],
  },
  photos: {
    version: 0,
    primaryKey: 'id',
    type: 'object',
    properties: {
      id: { type: 'string', maxLength: 100 },
      visitId: { type: 'string' },
      customerId: { type: 'string' },
      dataUrl: { type: 'string' },
      uploaded: { type: 'boolean' },
      createdAt: { type: 'string' },
    },
    required: ['id'],
  },
} as const satisfies Record<string, RxJsonSchema<Json>>

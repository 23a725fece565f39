import {
  applyEdit,
  complaintSchema,
  contactSchema,
  createClock,
  customerSchema,
  dayPlanSchema,
  feedbackSchema,
  type HlcClock,
  latestStamp,
  orderSchema,
  taskSchema,
  visitSchema,
} from '@outrider/domain'
import type { z } from 'zod'
import { deviceId } from '../platform/device-id.ts'
import { logFailure } from '../platform/log-failure.ts'
import type { OutriderDb } from './database.ts'

type Doc = Record<string, unknown> & { id: string }
export type MergeableCollection = 'customers' | 'contacts' | 'tasks' | 'complaints' | 'dayPlans'
export type AppendOnlyCollection = 'orders' | 'visits' | 'feedback'

const schemas = {
  customers: customerSchema,
  contacts: contactSchema,
  tasks: taskSchema,
  complaints: complaintSchema,
  dayPlans: dayPlanSchema,
  orders: orderSchema,
  visits: visitSchema,
  feedback: feedbackSchema,
} satisfies Record<MergeableCollection | AppendOnlyCollection, z.ZodType>

let clock: HlcClock | null = null
/** One hybrid logical clock per device: every local edit gets a stamp that orders after what it has seen. */
export function deviceClock(): HlcClock {
  clock ??= createClock(deviceId(), Date.now)
  return clock
}

export const newId = (prefix: string) => `${prefix}-${crypto.randomUUID()}`

export class InvalidRecordError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  }
}

export type LocalWrite = { collection: MergeableCollection | AppendOnlyCollection; doc: Doc }
const localWriteListeners = new Set<(w: LocalWrite) => unknown>()

/** Called after every local write (the device store keeps an outbox of unpushed changes). */
export function onLocalWrite(listener: (w: LocalWrite) => unknown): () => void {
  localWriteListeners.add(listener)
  return () => localWriteListeners.delete(listener)
}

async function notifyLocalWrite(w: LocalWrite) {
  // The write itself has succeeded; a failing listener must not turn it into an error.
  for (const l of localWriteListeners)
    await Promise.resolve(l(w)).catch(logFailure('a local-write listener failed; the write stands'))
}

function validate(collection: MergeableCollection | AppendOnlyCollection, doc: Doc): Doc {
  const parsed = schemas[collection].safeParse(doc)
  if (!parsed.success) throw new InvalidRecordError(parsed.error.issues)
  return doc
}

/**
 * Creates a mergeable record (customer, contact, task, day plan): every given field is stamped with
 * this device's clock, so later merges know which edit came last.
 */
export async function createMergeable(
  db: OutriderDb,
  collection: MergeableCollection,
  fields: Omit<Doc, 'clocks' | 'createdAt' | 'updatedAt'>,
) {
  const stamp = deviceClock().tick()
  const now = new Date().toISOString()
  const clocks = Object.fromEntries(
    Object.keys(fields)
      .filter((k) => k !== 'id')
      .map((k) => [k, stamp]),
  )
  const doc = validate(collection, { ...fields, clocks, createdAt: now, updatedAt: now } as unknown as Doc)
  await db[collection].insert(doc)
  await notifyLocalWrite({ collection, doc })
  return doc
}

/** Edits fields of a mergeable record; only fields whose value changes get a new clock. */
export async function editMergeable(
  db: OutriderDb,
  collection: MergeableCollection,
  id: string,
  patch: Record<string, unknown>,
) {
  const current = await db[collection].findOne(id).exec()
  if (!current) throw new Error(`${collection}/${id} not found`)
  const base = current.toMutableJSON() as Doc & { clocks: Record<string, string>; updatedAt: string }
  const c = deviceClock()
  c.observe(latestStamp(base))
  const next = applyEdit(base, patch as never, c.tick()) as Doc
  if (next === base) return base
  validate(collection, next)
  await current.incrementalPatch({ ...(next as object), id } as never)
  await notifyLocalWrite({ collection, doc: next })
  return next
}

/**
 * Appends a visit, order or feedback. These are never edited: a correction is a new revision
 * (`revisionOf` the first one, `revision` + 1).
 */
export async function appendRecord(
  db: OutriderDb,
  collection: AppendOnlyCollection,
  fields: Omit<Doc, 'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'> & {
    revisionOf?: string
    revision?: number
  },
) {
  const now = new Date().toISOString()
  const doc = validate(collection, {
    revisionOf: fields.id,
    revision: 1,
    ...fields,
    createdAt: now,
    updatedAt: now,
  } as unknown as Doc)
  await db[collection].insert(doc)
  await notifyLocalWrite({ collection, doc })
  return doc
}

/** For writes made outside this file (generated care tasks): tells the outbox, as every write here does. */
export const notifyWrite = (w: LocalWrite) => notifyLocalWrite(w)

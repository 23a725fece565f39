import {
  type AppendOnlyCollection,
  applyEdit,
  createClock,
  type EditPatch,
  type HlcClock,
  latestStamp,
  nextRevision,
} from '@outrider/domain'
import type { z } from 'zod'
import { deviceId } from '../platform/device-id.ts'
import { logFailure } from '../platform/log-failure.ts'
import { type OutriderDb, rowsOf } from './device-db.ts'
import {
  type DeviceMergeable,
  type DeviceWritable,
  type RowCollection,
  type RowDocs,
  rowSchemas,
} from './schemas.ts'

export type MergeableCollection = DeviceMergeable
export type AppendOnly = AppendOnlyCollection & RowCollection

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

export type LocalWrite = { collection: DeviceWritable; doc: { id: string; updatedAt?: string } }
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

/** A document of `collection` as its domain schema reads it; anything else is an `InvalidRecordError`. */
export function parseRecord<C extends RowCollection>(collection: C, doc: unknown): RowDocs[C] {
  const parsed = rowSchemas[collection].safeParse(doc)
  if (!parsed.success) throw new InvalidRecordError(parsed.error.issues)
  return parsed.data
}

/** What a caller gives for a new mergeable record: the device stamps clocks and times. */
export type NewMergeable<C extends MergeableCollection> = Omit<
  RowDocs[C],
  'clocks' | 'createdAt' | 'updatedAt'
>

/**
 * Creates a mergeable record (customer, contact, task, day plan): every given field is stamped with
 * this device's clock, so later merges know which edit came last.
 */
export async function createMergeable<C extends MergeableCollection>(
  db: OutriderDb,
  collection: C,
  fields: NewMergeable<C>,
): Promise<RowDocs[C]> {
  const stamp = deviceClock().tick()
  const now = new Date().toISOString()
  const clocks = Object.fromEntries(
    Object.keys(fields)
      .filter((k) => k !== 'id')
      .map((k) => [k, stamp]),
  )
  const doc = parseRecord(collection, { ...fields, clocks, createdAt: now, updatedAt: now })
  await rowsOf(db, collection).insert(doc)
  await notifyLocalWrite({ collection, doc })
  return doc
}

/**
 * Edits fields of a mergeable record; only fields whose value changes get a new clock, and a field
 * set to `undefined` is removed. The edit is applied inside RxDB's incremental write, to the stored
 * document as it is at that moment, so a pulled change landing in between is edited, not overwritten.
 * `edit` is the patch, or a function of that stored document giving it: a map merged key by key (a
 * customer's custom fields) is patched over the stored map, so only the keys the user changed change.
 */
export async function editMergeable<C extends MergeableCollection>(
  db: OutriderDb,
  collection: C,
  id: string,
  edit: EditPatch<RowDocs[C]> | ((stored: RowDocs[C]) => EditPatch<RowDocs[C]>),
): Promise<RowDocs[C]> {
  const patchOf = (stored: RowDocs[C]) => (typeof edit === 'function' ? edit(stored) : edit)
  const current = await rowsOf(db, collection).findOne(id).exec()
  if (!current) throw new Error(`${collection}/${id} not found`)
  const base: RowDocs[C] = current.toMutableJSON()
  const c = deviceClock()
  c.observe(latestStamp(base))
  const stamp = c.tick()
  // A form saved without changes writes nothing (and so pushes nothing).
  if (applyEdit(base, patchOf(base), stamp) === base) return base
  let result = base
  let changed = false
  await current.incrementalModify((stored) => {
    const { _deleted, ...data } = stored
    const latest = parseRecord(collection, data)
    // A pulled change may have landed since `stamp` was taken: the edit must order after it.
    c.observe(latestStamp(latest))
    const edited = applyEdit(latest, patchOf(latest), latestStamp(latest) < stamp ? stamp : c.tick())
    changed = edited !== latest
    result = changed ? parseRecord(collection, edited) : latest
    return changed ? { ...result, _deleted } : stored
  })
  if (changed) await notifyLocalWrite({ collection, doc: result })
  return result
}

/** What a caller gives for a new append-only record; the first revision is its own `revisionOf`. */
export type NewAppended<C extends AppendOnly> = Omit<
  RowDocs[C],
  'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'
> & { revisionOf?: string; revision?: number }

/**
 * Appends a visit, order or feedback. These are never edited: a correction is a new revision
 * (`revisionOf` the first one, `revision` + 1).
 */
export async function appendRecord<C extends AppendOnly>(
  db: OutriderDb,
  collection: C,
  fields: NewAppended<C>,
): Promise<RowDocs[C]> {
  const now = new Date().toISOString()
  const doc = parseRecord(collection, {
    revisionOf: fields.id,
    revision: 1,
    ...fields,
    createdAt: now,
    updatedAt: now,
  })
  await rowsOf(db, collection).insert(doc)
  await notifyLocalWrite({ collection, doc })
  return doc
}

/** For writes made outside this file (generated care tasks): tells the outbox, as every write here does. */
export const notifyWrite = (w: LocalWrite) => notifyLocalWrite(w)

/**
 * Corrects a visit, order or feedback: appends the next revision of its chain (the device's latest
 * revision with `changes` applied, under a new id) with the reason. Offline like every write; the
 * server keeps the record its author's and says who corrected it.
 */
export async function correctRecord<C extends AppendOnly>(
  db: OutriderDb,
  collection: C,
  chain: readonly RowDocs[C][],
  changes: Partial<RowDocs[C]>,
  reason: string,
): Promise<RowDocs[C]> {
  const now = new Date().toISOString()
  const next = nextRevision(chain, changes, { id: newId(collection.slice(0, 1)), reason, at: now })
  const doc = parseRecord(collection, next)
  await rowsOf(db, collection).insert(doc)
  await notifyLocalWrite({ collection, doc })
  return doc
}

import { type OutriderDb, rowsOf } from './device-db.ts'
import type { Rejection } from './device-store.ts'
import type { Outrider } from './outrider-context.ts'
import { asRowCollection, type RowCollection } from './schemas.ts'
import { parseRecord } from './writes.ts'

/** RxDB's bookkeeping fields (`_rev`, `_meta`, `_deleted`, …) are not part of a document we write. */
function plain(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_')))
}

function collectionOfRejection(r: Rejection): RowCollection {
  const collection = asRowCollection(r.collection)
  if (!collection) throw new Error(`unknown collection ${r.collection}`)
  return collection
}

/** Stores `fields` as the record (read with its domain schema first: a bad one is an `InvalidRecordError`). */
async function put<C extends RowCollection>(db: OutriderDb, collection: C, fields: Record<string, unknown>) {
  await rowsOf(db, collection).upsert(parseRecord(collection, fields))
}

/**
 * Sends a refused change again (after the cause was fixed, e.g. the customer was assigned back):
 * the hold is lifted and the document gets a new local revision, so the replication pushes it.
 */
export async function retryRejection(app: Outrider, r: Rejection): Promise<void> {
  const collection = collectionOfRejection(r)
  const current = await rowsOf(app.db, collection).findOne(r.docId).exec()
  const base = plain(current ? current.toMutableJSON() : r.doc)
  const now = new Date().toISOString()
  await put(app.db, collection, { ...base, id: r.docId, updatedAt: now })
  await app.device.rejections.delete(r.id)
  await app.device.outbox.put({
    id: `${r.collection}:${r.docId}`,
    collection: r.collection,
    docId: r.docId,
    updatedAt: now,
    at: now,
  })
}

/**
 * Gives up a refused change: with a server version, that version comes back on the phone; a new
 * record the server never accepted is removed here and stays held (marked discarded) so its
 * removal is never pushed either.
 */
export async function discardRejection(app: Outrider, r: Rejection): Promise<void> {
  const collection = collectionOfRejection(r)
  if (r.master) {
    await put(app.db, collection, { ...plain(r.master), id: r.docId })
    await app.device.rejections.delete(r.id)
  } else {
    await app.device.rejections.update(r.id, { discarded: true })
    const doc = await rowsOf(app.db, collection).findOne(r.docId).exec()
    if (doc) await doc.remove()
  }
  await app.device.outbox.delete(`${r.collection}:${r.docId}`)
}

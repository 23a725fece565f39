import type { Rejection } from './device-store.ts'
import type { Outrider } from './outrider-context.ts'
import type { SyncedCollection } from './schemas.ts'

type Doc = Record<string, unknown> & { id: string }

/** RxDB's bookkeeping fields (`_rev`, `_meta`, `_deleted`, …) are not part of a document we write. */
function plain(doc: Record<string, unknown>): Doc {
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_'))) as Doc
}

/**
 * Sends a refused change again (after the cause was fixed, e.g. the customer was assigned back):
 * the hold is lifted and the document gets a new local revision, so the replication pushes it.
 */
export async function retryRejection(app: Outrider, r: Rejection): Promise<void> {
  const collection = app.db[r.collection as SyncedCollection]
  if (!collection) throw new Error(`unknown collection ${r.collection}`)
  await app.device.rejections.delete(r.id)
  const current = await collection.findOne(r.docId).exec()
  const base = current ? plain(current.toMutableJSON() as Record<string, unknown>) : plain(r.doc)
  const now = new Date().toISOString()
  await collection.upsert({ ...base, id: r.docId, updatedAt: now })
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
  const collection = app.db[r.collection as SyncedCollection]
  if (!collection) throw new Error(`unknown collection ${r.collection}`)
  if (r.master) {
    await app.device.rejections.delete(r.id)
    await collection.upsert({ ...plain(r.master), id: r.docId })
  } else {
    await app.device.rejections.update(r.id, { discarded: true })
    const doc = await collection.findOne(r.docId).exec()
    if (doc) await doc.remove()
  }
  await app.device.outbox.delete(`${r.collection}:${r.docId}`)
}

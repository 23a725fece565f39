import { collectionKinds } from '@outrider/domain'
import type { RxReplicationState } from 'rxdb/plugins/replication'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { filter, map } from 'rxjs'
import type { OutriderDb } from '../db/database.ts'
import { type SyncedCollection, syncedCollections } from '../db/schemas.ts'
import { type SyncConnection, SyncRequestError } from './connection.ts'

type Doc = Record<string, unknown> & { id: string }
type Row = { newDocumentState: Doc; assumedMasterState?: Doc | undefined }

const REJECTABLE = new Set(['E_FORBIDDEN', 'E_VALIDATION', 'E_READ_ONLY', 'E_APPEND_ONLY'])

/**
 * Replicates every collection over the one socket with RxDB's replication protocol: pull by
 * checkpoint, push with the assumed master state, and a live stream woken by server hints.
 * A change the server refuses is kept in `rejections` (with its reason) instead of being retried
 * forever or dropped: the rep can fix it, discard it, or export it.
 */
export function startReplication(db: OutriderDb, conn: SyncConnection, userId: string): RxReplicationState<Doc, unknown>[] {
  return syncedCollections.map((name) => replicate(db, conn, userId, name))
}

function replicate(db: OutriderDb, conn: SyncConnection, userId: string, name: SyncedCollection) {
  const readOnly = collectionKinds[name] === 'readOnly'
  return replicateRxCollection<Doc, unknown>({
    replicationIdentifier: `outrider-${name}-${userId}`,
    collection: db[name],
    live: true,
    retryTime: 3000,
    waitForLeadership: true,
    pull: {
      batchSize: 300,
      async handler(checkpoint, batchSize) {
        const res = await conn.request<'pullResult'>({ type: 'pull', collection: name, checkpoint: (checkpoint ?? null) as never, limit: batchSize })
        return { documents: res.documents as (Doc & { _deleted: boolean })[], checkpoint: res.checkpoint }
      },
      stream$: conn.changed$.pipe(
        filter((cols) => cols.length === 0 || cols.includes(name)),
        map(() => 'RESYNC' as const),
      ),
    },
    ...(readOnly
      ? {}
      : {
          push: {
            batchSize: 50,
            handler: (rows) => pushWithRejections(db, conn, name, rows as Row[]),
          },
        }),
  })
}

async function pushWithRejections(db: OutriderDb, conn: SyncConnection, name: SyncedCollection, rows: Row[]): Promise<Doc[]> {
  const held = await db.rejections.find({ selector: { collection: name } }).exec()
  const heldIds = new Set(held.map((r) => String(r.get('docId'))))
  let pending = rows.filter((r) => !heldIds.has(r.newDocumentState.id))
  const conflicts: Doc[] = []
  while (pending.length > 0) {
    try {
      const res = await conn.request<'pushResult'>({
        type: 'push',
        collection: name,
        rows: pending.map((r) => ({ newDocumentState: r.newDocumentState, assumedMasterState: r.assumedMasterState ?? null })),
      })
      conflicts.push(...(res.conflicts as Doc[]))
      break
    } catch (err) {
      if (!(err instanceof SyncRequestError) || !REJECTABLE.has(err.code)) throw err
      const ids = new Set(err.details.map((d) => d.docId).filter((d): d is string => !!d))
      // Without row-level detail we cannot tell which row was refused: hold them all.
      const refused = ids.size > 0 ? pending.filter((r) => ids.has(r.newDocumentState.id)) : pending
      const at = new Date().toISOString()
      await db.rejections.bulkUpsert(
        refused.map((r) => ({
          id: `${name}:${r.newDocumentState.id}`,
          collection: name,
          docId: r.newDocumentState.id,
          code: err.code,
          reason: err.details.find((d) => d.docId === r.newDocumentState.id)?.reason ?? err.message,
          doc: r.newDocumentState,
          master: r.assumedMasterState ?? null,
          at,
        })),
      )
      pending = pending.filter((r) => !refused.includes(r))
    }
  }
  return conflicts
}

import type { Checkpoint } from '@outrider/domain'
import type { RxReplicationState } from 'rxdb/plugins/replication'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { filter, map } from 'rxjs'
import type { OutriderDb } from '../database.ts'
import type { DeviceStore } from '../device-store.ts'
import { referenceKinds, type SyncedCollection, syncedCollections } from '../schemas.ts'
import { type SyncConnection, SyncRequestError } from './connection.ts'

type Doc = Record<string, unknown> & { id: string }
type WireDoc = Doc & { _deleted: boolean }
type Row = { newDocumentState: Doc; assumedMasterState?: Doc | undefined }
type ReferenceCheckpoint = { cps: Partial<Record<string, Checkpoint>>; idx: number }

const REJECTABLE = new Set(['E_FORBIDDEN', 'E_VALIDATION', 'E_READ_ONLY', 'E_APPEND_ONLY'])

/**
 * Replicates every collection over the one socket with RxDB's replication protocol: pull by
 * checkpoint, push with the assumed master state, and a live stream woken by server hints.
 * A change the server refuses is kept in the device store's `rejections` (with its reason)
 * instead of being retried forever or dropped: the rep can fix it, discard it, or export it; a record
 * refused because it has left the device's scope is removed from the device (the change stays kept).
 */
export function startReplication(
  db: OutriderDb,
  device: DeviceStore,
  conn: SyncConnection,
  userId: string,
): RxReplicationState<Doc, never>[] {
  return syncedCollections.map(
    (name) => replicate(db, device, conn, userId, name) as unknown as RxReplicationState<Doc, never>,
  )
}

function wake(conn: SyncConnection, names: readonly string[]) {
  return conn.changed$.pipe(
    filter((cols) => cols.length === 0 || cols.some((c) => names.includes(c))),
    map(() => 'RESYNC' as const),
  )
}

async function pull(conn: SyncConnection, collection: string, checkpoint: Checkpoint | null, limit: number) {
  return conn.request<'pullResult'>({ type: 'pull', collection: collection as never, checkpoint, limit })
}

function replicate(
  db: OutriderDb,
  device: DeviceStore,
  conn: SyncConnection,
  userId: string,
  name: SyncedCollection,
) {
  const common = {
    replicationIdentifier: `outrider-${name}-${userId}`,
    collection: db[name],
    live: true,
    retryTime: 3000,
    // Started by the caller, in the leader tab only, once the first screen has its data (see
    // data-layer.ts). RxDB's visibility toggle would start it in any visible tab: off.
    autoStart: false,
    toggleOnDocumentVisible: false,
  }
  if (name === 'reference') {
    return replicateRxCollection<Doc, ReferenceCheckpoint>({
      ...common,
      pull: {
        batchSize: 300,
        handler: (cp, batchSize) => pullReference(conn, cp ?? { cps: {}, idx: 0 }, batchSize),
        stream$: wake(conn, referenceKinds),
      },
    })
  }
  const readOnly = name === 'conflicts'
  return replicateRxCollection<Doc, Checkpoint>({
    ...common,
    pull: {
      batchSize: 300,
      async handler(checkpoint, batchSize) {
        const res = await pull(conn, name, checkpoint ?? null, batchSize)
        return { documents: res.documents as WireDoc[], checkpoint: res.checkpoint }
      },
      stream$: wake(conn, [name]),
    },
    ...(readOnly
      ? {}
      : {
          push: {
            batchSize: 50,
            handler: (rows) => pushWithRejections(db, device, conn, name, rows as Row[]),
          },
        }),
  })
}

/** Reference kinds are pulled one after another into one collection, with a checkpoint per kind. */
async function pullReference(conn: SyncConnection, cp: ReferenceCheckpoint, batchSize: number) {
  const cps = { ...cp.cps }
  const documents: WireDoc[] = []
  let idx = cp.idx
  while (idx < referenceKinds.length && documents.length < batchSize) {
    const kind = referenceKinds[idx]!
    const limit = batchSize - documents.length
    const res = await pull(conn, kind, cps[kind] ?? null, limit)
    for (const d of res.documents as WireDoc[])
      documents.push({ ...d, id: `${kind}:${d.id}`, kind, _deleted: d._deleted })
    cps[kind] = res.checkpoint
    if (res.documents.length < limit) idx++
  }
  return { documents, checkpoint: { cps, idx: idx >= referenceKinds.length ? 0 : idx } }
}

/**
 * A record of a customer created on this device can reach the server before the customer does
 * (collections replicate independently). The server then refuses it as out of scope; while that
 * customer still only exists here (no owner stamped by the server yet), the refusal is transient.
 */
async function waitsForNewCustomer(db: OutriderDb, name: SyncedCollection, doc: Doc): Promise<boolean> {
  const customerId = name === 'customers' ? null : doc.customerId
  if (typeof customerId !== 'string') return false
  const local = await db.customers.findOne(customerId).exec()
  return local !== null && !local.get('ownerRepId')
}

async function pushWithRejections(
  db: OutriderDb,
  device: DeviceStore,
  conn: SyncConnection,
  name: SyncedCollection,
  rows: Row[],
): Promise<WireDoc[]> {
  const held = new Set(
    (await device.rejections.where('collection').equals(name).toArray()).map((r) => r.docId),
  )
  let pending = rows.filter((r) => !held.has(r.newDocumentState.id))
  const conflicts: WireDoc[] = []
  while (pending.length > 0) {
    try {
      const res = await conn.request<'pushResult'>({
        type: 'push',
        collection: name as never,
        rows: pending.map((r) => ({
          newDocumentState: r.newDocumentState,
          assumedMasterState: r.assumedMasterState ?? null,
        })),
      })
      conflicts.push(...(res.conflicts as WireDoc[]))
      break
    } catch (err) {
      if (!(err instanceof SyncRequestError) || !REJECTABLE.has(err.code)) throw err
      const ids = new Set(err.details.map((d) => d.docId).filter((d): d is string => !!d))
      // Without row-level detail we cannot tell which row was refused: hold them all.
      const refused = ids.size > 0 ? pending.filter((r) => ids.has(r.newDocumentState.id)) : pending
      if (err.code === 'E_FORBIDDEN') {
        for (const r of refused) {
          // Throwing makes RxDB retry the batch later, after the customer itself has been pushed.
          if (await waitsForNewCustomer(db, name, r.newDocumentState)) throw err
        }
      }
      const at = new Date().toISOString()
      await device.rejections.bulkPut(
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
      // A record the device had from the server but may no longer change is out of its scope now
      // (reassigned to another rep or team): the server's answer for this device is "gone". Reported
      // as the master state, RxDB's conflict handler deletes the local copy (a deletion wins the merge);
      // the refused change itself stays in `rejections` to read, export or discard.
      if (err.code === 'E_FORBIDDEN')
        for (const r of refused)
          if (r.assumedMasterState) conflicts.push({ ...r.newDocumentState, _deleted: true })
      pending = pending.filter((r) => !refused.includes(r))
    }
  }
  return conflicts
}

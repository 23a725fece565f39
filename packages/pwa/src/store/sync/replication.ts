import type { Checkpoint, CollectionName, RecentCursor } from '@outrider/domain'
import type { WithDeleted } from 'rxdb'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { filter, map, type Observable } from 'rxjs'
import { logFailure } from '../../platform/log-failure.ts'
import { type OutriderDb, rowsOf } from '../device-db.ts'
import type { DeviceStore } from '../device-store.ts'
import {
  type ReferenceRow,
  type RowCollection,
  type RowDocs,
  referenceKinds,
  rowCollections,
} from '../schemas.ts'
import { type SyncConnection, SyncRequestError } from './connection.ts'
import { type FirstSyncProgress, firstSyncProgressOf } from './first-sync.ts'
import { keepReadable, readReferenceDocument, readRowDocument } from './read-documents.ts'

type Row<T> = { newDocumentState: WithDeleted<T>; assumedMasterState?: WithDeleted<T> | undefined }
type ReferenceCheckpoint = { cps: Partial<Record<string, Checkpoint>>; idx: number }
/**
 * A row collection's checkpoint on the device: the server's pass checkpoint, and on a first sync
 * where its recent window stands (`after` to go on from, 'done' once it is in). RxDB merges
 * checkpoints key by key, so both keys are always written; a checkpoint stored before the window
 * existed is a bare server checkpoint (its pass is under way or done: no window).
 */
type RowCheckpoint = { pass: Checkpoint | null; recent: { after: RecentCursor | null } | 'done' }

/**
 * Collections whose first sync pulls the newest weeks first (the server keeps the list and answers
 * others with an empty window): a supervisor reviews the latest visits while the history arrives.
 */
const WINDOWED: ReadonlySet<string> = new Set(['visits'])

function readRowCheckpoint(name: string, cp: RowCheckpoint | Checkpoint | undefined): RowCheckpoint {
  if (cp === undefined) return { pass: null, recent: WINDOWED.has(name) ? { after: null } : 'done' }
  if ('pass' in cp) return { pass: cp.pass, recent: cp.recent }
  return { pass: cp, recent: 'done' }
}

/**
 * Documents per pull (the protocol's largest page): a first sync of a supervisor's ~20,000 records
 * takes 20 round trips and storage writes per collection instead of 67.
 */
const PULL_PAGE = 1000

const REJECTABLE = new Set(['E_FORBIDDEN', 'E_VALIDATION', 'E_READ_ONLY', 'E_APPEND_ONLY'])

/** What the app uses of a collection's replication, whatever its documents. */
export interface Replication {
  readonly collection: { readonly name: string }
  readonly sent$: Observable<{ id: string; updatedAt?: string }>
  readonly received$: Observable<unknown>
  start(): Promise<void>
  cancel(): Promise<void>
  isStopped(): boolean
  awaitInSync(): Promise<true>
}

/**
 * Replicates every collection over the one socket with RxDB's replication protocol: pull by
 * checkpoint, push with the assumed master state, and a live stream woken by server hints.
 * Every document from the server is read with the domain's schemas before it is stored.
 * A change the server refuses is kept in the device store's `rejections` (with its reason)
 * instead of being retried forever or dropped: the rep can fix it, discard it, or export it; a record
 * refused because it has left the device's scope is removed from the device (the change stays kept).
 */
export function startReplication(
  db: OutriderDb,
  device: DeviceStore,
  conn: SyncConnection,
  userId: string,
): Replication[] {
  const progress = firstSyncProgressOf(conn)
  const replications = [
    ...rowCollections.map((name): Replication => replicateRows(db, device, conn, userId, name, progress)),
    replicateReference(db, device, conn, userId),
  ]
  void Promise.all(replications.map((r) => r.awaitInSync())).then(
    () => progress.finish(),
    // A cancelled replication (sign-out) never gets in sync: nobody is left to show progress to.
    () => progress.finish(),
  )
  return replications
}

function wake(conn: SyncConnection, names: readonly string[]) {
  return conn.changed$.pipe(
    filter((cols) => cols.length === 0 || cols.some((c) => names.includes(c))),
    map(() => 'RESYNC' as const),
  )
}

async function pull(
  conn: SyncConnection,
  collection: CollectionName,
  checkpoint: Checkpoint | null,
  limit: number,
) {
  return conn.request<'pullResult'>({ type: 'pull', collection, checkpoint, limit })
}

async function pullRecent(
  conn: SyncConnection,
  collection: CollectionName,
  after: RecentCursor | null,
  limit: number,
) {
  return conn.request<'pullResult'>({ type: 'pull', collection, checkpoint: null, limit, recent: { after } })
}

function common(name: string, userId: string) {
  return {
    replicationIdentifier: `outrider-${name}-${userId}`,
    live: true,
    retryTime: 3000,
    // Started by the caller, in the leader tab only, once the first screen has its data (see
    // data-layer.ts). RxDB's visibility toggle would start it in any visible tab: off.
    autoStart: false,
    toggleOnDocumentVisible: false,
  }
}

function replicateRows<C extends RowCollection>(
  db: OutriderDb,
  device: DeviceStore,
  conn: SyncConnection,
  userId: string,
  name: C,
  progress: FirstSyncProgress,
) {
  const read = (raws: readonly Readonly<Record<string, unknown>>[]) =>
    keepReadable(device, name, raws, (raw) => readRowDocument(name, raw))
  const writable = name !== 'conflicts'
  const collection = rowsOf(db, name)
  const passPull = pullsAhead(conn, name)
  let seen = false
  return replicateRxCollection<RowDocs[C], RowCheckpoint | Checkpoint>({
    ...common(name, userId),
    collection,
    pull: {
      batchSize: PULL_PAGE,
      async handler(checkpoint, batchSize) {
        let { pass, recent } = readRowCheckpoint(name, checkpoint)
        const documents: WithDeleted<RowDocs[C]>[] = []
        // A first sync: the recent window, newest first, before the pass from txid 0. A page is
        // filled across the two (RxDB takes a short page for the end of the changes).
        if (recent !== 'done') progress.expectWindow(name)
        while (recent !== 'done' && documents.length < batchSize) {
          const res = await pullRecent(conn, name, recent.after, batchSize - documents.length)
          const next = res.recent?.next ?? null
          documents.push(...(await read(res.documents)))
          progress.windowPage(name, res.total ?? 0, idsOf(res.documents), next === null)
          recent = next === null ? 'done' : { after: next }
        }
        if (documents.length < batchSize) {
          const res = await passPull(pass, batchSize - documents.length, batchSize)
          // A first pass resumed in a later session (only a first pass reports a total): what the
          // device already holds counts as received. Counted once, and never on later passes.
          const resumed = !seen && pass !== null && res.total !== undefined
          seen = true
          const already = resumed ? await collection.count().exec() : 0
          progress.passPage(name, res.total, idsOf(res.documents), already)
          documents.push(...(await read(res.documents)))
          pass = res.checkpoint
        }
        const next: RowCheckpoint = { pass, recent }
        return { documents, checkpoint: next }
      },
      stream$: wake(conn, [name]),
    },
    ...(writable
      ? {
          push: {
            batchSize: 50,
            handler: (rows: Row<RowDocs[C]>[]) => pushWithRejections(db, device, conn, name, rows, read),
          },
        }
      : {}),
  })
}

/**
 * Pass pulls of one collection that ask for the next page as soon as a full one arrives, so the
 * server reads it while the device reads and stores this one. A page asked ahead serves only the pull
 * it was asked for (same checkpoint and size); any other pull asks afresh.
 */
function pullsAhead(conn: SyncConnection, collection: CollectionName) {
  let ahead: { from: string; limit: number; res: ReturnType<typeof pull> } | null = null
  return async (from: Checkpoint | null, limit: number, nextLimit: number) => {
    const key = JSON.stringify(from)
    const asked = ahead !== null && ahead.from === key && ahead.limit === limit ? ahead.res : null
    ahead = null
    const res = await (asked ?? pull(conn, collection, from, limit))
    if (res.documents.length >= limit) {
      const next = pull(conn, collection, res.checkpoint, nextLimit)
      // Its failure reaches the pull that uses it (and RxDB retries); one never used is only logged.
      next.catch(logFailure('a sync page asked ahead failed; the pull asks for it again'))
      ahead = { from: JSON.stringify(res.checkpoint), limit: nextLimit, res: next }
    }
    return res
  }
}

const idsOf = (docs: readonly Readonly<Record<string, unknown>>[]) =>
  docs.flatMap((d) => (typeof d.id === 'string' ? [d.id] : []))

/** Reference kinds are pulled one after another into one collection, with a checkpoint per kind. */
function replicateReference(db: OutriderDb, device: DeviceStore, conn: SyncConnection, userId: string) {
  return replicateRxCollection<ReferenceRow, ReferenceCheckpoint>({
    ...common('reference', userId),
    collection: db.reference,
    pull: {
      batchSize: PULL_PAGE,
      handler: (cp, batchSize) => pullReference(device, conn, cp ?? { cps: {}, idx: 0 }, batchSize),
      stream$: wake(conn, referenceKinds),
    },
  })
}

async function pullReference(
  device: DeviceStore,
  conn: SyncConnection,
  cp: ReferenceCheckpoint,
  batchSize: number,
) {
  const cps = { ...cp.cps }
  const documents: WithDeleted<ReferenceRow>[] = []
  let idx = cp.idx
  while (idx < referenceKinds.length && documents.length < batchSize) {
    const kind = referenceKinds[idx]
    if (kind === undefined) break
    const limit = batchSize - documents.length
    const res = await pull(conn, kind, cps[kind] ?? null, limit)
    documents.push(
      ...(await keepReadable(device, kind, res.documents, (raw) => readReferenceDocument(kind, raw))),
    )
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
async function waitsForNewCustomer(db: OutriderDb, name: RowCollection, doc: object): Promise<boolean> {
  const customerId = name === 'customers' || !('customerId' in doc) ? null : doc.customerId
  if (typeof customerId !== 'string') return false
  const local = await db.customers.findOne(customerId).exec()
  return local !== null && !local.get('ownerRepId')
}

async function pushWithRejections<T extends { id: string }>(
  db: OutriderDb,
  device: DeviceStore,
  conn: SyncConnection,
  name: RowCollection,
  rows: Row<T>[],
  read: (raws: readonly Readonly<Record<string, unknown>>[]) => Promise<WithDeleted<T>[]>,
): Promise<WithDeleted<T>[]> {
  const held = new Set(
    (await device.rejections.where('collection').equals(name).toArray()).map((r) => r.docId),
  )
  let pending = rows.filter((r) => !held.has(r.newDocumentState.id))
  const conflicts: WithDeleted<T>[] = []
  while (pending.length > 0) {
    try {
      const res = await conn.request<'pushResult'>({
        type: 'push',
        collection: name,
        rows: pending.map((r) => ({
          newDocumentState: r.newDocumentState,
          assumedMasterState: r.assumedMasterState ?? null,
        })),
      })
      conflicts.push(...(await read(res.conflicts)))
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
          doc: { ...r.newDocumentState },
          master: r.assumedMasterState ? { ...r.assumedMasterState } : null,
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

import { collectionTable } from '@outrider/domain'
import type pg from 'pg'
import type { Principal } from '../auth/sessions.ts'
import type { Database } from '../db/database.ts'
import { logFailure, rollbackFailed } from '../log-failure.ts'
import type { ChangeNotice } from './change-bus.ts'
import { orderQuantityLimit, quantityRefusals } from './order-limit.ts'
import type { Incoming, PushOutcome } from './push-batch.ts'
import { customFieldRefusal } from './push-custom-fields.ts'
import { tryNewRecordsOfOwnCustomers } from './push-new-records.ts'
import { normalizeIncoming, type PushCollection, type PushKind } from './push-rules.ts'
import {
  batchOriginals,
  type Chain,
  chainOf,
  type NamedScope,
  namedOwnerProblem,
  numberCorrections,
  readNamedScope,
  teamOfNamed,
} from './push-scope.ts'
import { type Literal, lockSql, quoteLiteral, sqlLiteral, upsertSql } from './push-sql.ts'
import { handlerOf, mayWrite } from './scope.ts'
import { type ConflictRecord, mergeForServer } from './server-merge.ts'
import { tables, toRow } from './tables.ts'

export type PushRow = {
  newDocumentState: Record<string, unknown>
  assumedMasterState: Record<string, unknown> | null
}

export class PushRejected extends Error {
  constructor(
    readonly code: 'E_FORBIDDEN' | 'E_VALIDATION' | 'E_READ_ONLY' | 'E_APPEND_ONLY',
    message: string,
    readonly details: { docId?: string; field?: string; reason: string }[],
  ) {
    super(message)
  }
}

type Owner = { ownerRepId: string | null; teamId: string | null }

/**
 * Applies a push batch in one transaction: every row is validated, authorized and merged against the
 * stored state; any rejection rolls the whole batch back. The transaction costs two round trips
 * however large the batch: `BEGIN` with the locking read, then every write and `COMMIT` together;
 * a rep's new append-only records on their own customers, one (see `push-new-records.ts`).
 * The change notice is returned, for the caller to announce once committed.
 */
export async function applyPush(
  db: Database,
  who: Principal,
  collection: PushCollection,
  kind: PushKind,
  rows: PushRow[],
  now: Date,
): Promise<PushOutcome> {
  let incoming: Incoming | null = rows.map((row) => {
    const parsed = normalizeIncoming(collection, row.newDocumentState, who, now.getTime())
    if (!parsed.ok) throw new PushRejected('E_VALIDATION', parsed.message, parsed.details)
    return { doc: parsed.doc, ancestor: row.assumedMasterState }
  })
  if (collection === 'orders') {
    // The policy's limit per line (the schema's own bound is far wider): a slipped digit is refused
    // on its field, as the phone's form refuses it.
    const refused = quantityRefusals(
      incoming.map((i) => i.doc),
      await orderQuantityLimit(db.pool, now.getTime()),
    )
    if (refused.length > 0)
      throw new PushRejected(
        'E_VALIDATION',
        'order line quantity above the policy limit',
        refused.slice(0, 20),
      )
  }
  const client = await db.pool.connect()
  let open = false
  try {
    open = true
    if (kind === 'appendOnly') {
      const done = await tryNewRecordsOfOwnCustomers(client, who, collection, incoming, now)
      if (done) {
        open = false
        return done
      }
    }
    const { sql, outcome } = await lockAndPlan(client, who, collection, kind, incoming, now)
    // Only the statement text and the reply stay referenced during the write's round trip; the
    // batch's documents (normalised, merged, as rows) are released here. Pushes in flight would
    // otherwise hold them until COMMIT returns, which under load outlives young-generation
    // collections and promotes every batch to the old generation, growing the heap for garbage.
    incoming = null
    await client.query(sql)
    open = false
    return outcome
  } catch (err) {
    if (open) await client.query('ROLLBACK').catch(logFailure(rollbackFailed))
    throw err
  } finally {
    client.release()
  }
}

/** Opens the transaction, locks and reads what the batch touches, and plans the writes. */
async function lockAndPlan(
  client: pg.PoolClient,
  who: Principal,
  collection: PushCollection,
  kind: PushKind,
  incoming: Incoming,
  now: Date,
): Promise<{ sql: string; outcome: PushOutcome }> {
  const stored = await lockStored(client, collection, incoming, sqlLiteral)
  if (collection === 'customers') {
    const refusal = await customFieldRefusal(client, incoming, stored.current)
    if (refusal) throw new PushRejected('E_VALIDATION', refusal.message, refusal.details)
  }
  const named = await readNamedScope(client, who, collection, kind, incoming)
  return planWrites(who, collection, kind, incoming, { ...stored, named }, now)
}

/** What a batch's rows add up to while they are merged one by one. */
type BatchPlan = {
  audit: Record<string, unknown>[]
  conflicts: Record<string, unknown>[]
  conflictLog: Map<string, ConflictRecord>
  writes: Map<string, Record<string, unknown>>
  touched: Set<string>
  touchedTeams: Set<string>
  /** Who handled a row before this batch, by id: they lose it (see `handlerChangeSql`) when it moves on. */
  handledBefore: Map<string, string | null>
}

/** What every row of a batch is checked and merged against. */
type BatchContext = {
  who: Principal
  collection: PushCollection
  kind: PushKind
  current: Map<string, StoredRow>
  owners: Map<string, Owner>
  named: NamedScope
  originals: Map<string, Chain>
  numbers: Map<string, number>
  now: Date
}

/**
 * Merges the batch against the stored rows and renders every write, the conflict log and `COMMIT`
 * as one multi-statement text. Synchronous, so nothing it builds outlives it but
 * the text and the outcome.
 */
function planWrites(
  who: Principal,
  collection: PushCollection,
  kind: PushKind,
  incoming: Incoming,
  {
    current,
    customers,
    named,
  }: { current: Map<string, StoredRow>; customers: Map<string, Owner>; named: NamedScope },
  now: Date,
): { sql: string; outcome: PushOutcome } {
  const owners = resolveOwners(who, collection, incoming, current, customers, named)
  const originals = batchOriginals(who, kind, incoming)
  const numbers = numberCorrections(incoming, new Set(current.keys()), named, originals)
  const ctx: BatchContext = { who, collection, kind, current, owners, named, originals, numbers, now }
  const plan: BatchPlan = {
    audit: [],
    conflicts: [],
    conflictLog: new Map(),
    writes: new Map(),
    touched: new Set(),
    touchedTeams: new Set(),
    handledBefore: new Map(),
  }
  for (const row of incoming) planRow(ctx, plan, row)
  const { writes, conflictLog, touched, touchedTeams } = plan
  const notice: ChangeNotice | null =
    writes.size > 0 || conflictLog.size > 0
      ? {
          collections: conflictLog.size > 0 ? [collection, 'conflicts'] : [collection],
          owners: [...touched],
          teams: [...touchedTeams],
          broadcast: false,
        }
      : null
  return {
    sql: renderWrites(collection, current, plan),
    outcome: { conflicts: plan.conflicts, applied: writes.size, notice },
  }
}

/**
 * Checks that `who` may write this row (its owner, its handler, what it names, a correction's reason),
 * or throws the refusal; the row's owner, handler before the push and correction chain.
 */
function authorizeRow(ctx: BatchContext, pushed: Record<string, unknown>) {
  const { who, collection, kind, named, originals } = ctx
  const id = String(pushed.id)
  const existing = ctx.current.get(id)
  const owner = existing
    ? { ownerRepId: existing.owner_rep_id, teamId: existing.team_id }
    : ctx.owners.get(id)
  const handler = handlerOf(tables[collection], existing?.doc)
  if (!owner || !mayWrite(who, owner, handler)) {
    throw new PushRejected('E_FORBIDDEN', `not allowed to change ${collection}/${id}`, [
      {
        docId: id,
        reason: existing ? 'record belongs to another rep or team' : 'customer is not assigned to you',
      },
    ])
  }
  // Stored append-only rows never change, so only what is new is checked against what it names.
  const problem =
    existing && kind === 'appendOnly'
      ? null
      : namedOwnerProblem(who, collection, pushed, owner, named, originals)
  if (problem)
    throw new PushRejected('E_FORBIDDEN', `not allowed to write ${collection}/${id}`, [
      { docId: id, reason: problem },
    ])
  const chain = existing ? undefined : chainOf(pushed, named, originals)
  if (chain && (typeof pushed.reason !== 'string' || pushed.reason.trim() === ''))
    throw new PushRejected('E_VALIDATION', `a correction of ${collection}/${id} needs a reason`, [
      { docId: id, field: 'reason', reason: 'a correction needs a reason' },
    ])
  return { id, existing, owner, handler, chain }
}

/** One pushed row: authorised, merged against the stored state, and added to the plan. */
function planRow(ctx: BatchContext, plan: BatchPlan, { doc: pushed, ancestor }: Incoming[number]): void {
  const { who, collection, kind, now } = ctx
  const def = tables[collection]
  const { id, existing, owner, handler, chain } = authorizeRow(ctx, pushed)
  const revision = ctx.numbers.get(id)
  const doc = revision === undefined || revision === pushed.revision ? pushed : { ...pushed, revision }
  const result = mergeForServer(kind, collection, {
    stored: existing?.doc ?? null,
    incoming: doc,
    ancestor,
    who,
    owner,
    now,
    author: chain?.authorId ?? null,
  })
  // A renumbered correction goes back to the device, which takes the stored revision number.
  if (result.conflictWithMaster || doc !== pushed) plan.conflicts.push({ ...result.doc, _deleted: false })
  if (chain && result.changed) plan.audit.push(correctionEntry(who, collection, owner, chain.doc, result.doc))
  for (const c of result.conflicts) plan.conflictLog.set(c.id, c)
  if (!result.changed) return
  // A batch may carry the same document twice; the later state wins, as if pushed one by one.
  plan.writes.set(id, toRow(def, result.doc, { owner_rep_id: owner.ownerRepId, team_id: owner.teamId }))
  if (owner.ownerRepId) plan.touched.add(owner.ownerRepId)
  if (owner.teamId) plan.touchedTeams.add(owner.teamId)
  // The one handling it, before and after, hears of the change too (their phone holds it).
  const after = handlerOf(def, result.doc)
  if (after) plan.touched.add(after)
  if (handler) plan.touched.add(handler)
  if (!plan.handledBefore.has(id)) plan.handledBefore.set(id, handler)
  ctx.current.set(id, { id, doc: result.doc, owner_rep_id: owner.ownerRepId, team_id: owner.teamId })
}

/** The batch's writes, handler changes, conflict log, audit entries and `COMMIT` as one text. */
function renderWrites(collection: PushCollection, current: Map<string, StoredRow>, plan: BatchPlan): string {
  const def = tables[collection]
  const statements: string[] = []
  if (plan.writes.size > 0) statements.push(upsertSql(def, sqlLiteral([...plan.writes.values()]), 'update'))
  for (const [id, before] of plan.handledBefore) {
    const row = current.get(id)
    const sql = row ? handlerChangeSql(collection, id, before, handlerOf(def, row.doc), row.owner_rep_id) : ''
    if (sql) statements.push(sql)
  }
  if (plan.conflictLog.size > 0) {
    const logRows = [...plan.conflictLog.values()].map((c) =>
      toRow(tables.conflicts, c, { owner_rep_id: c.ownerRepId ?? null, team_id: c.teamId ?? null }),
    )
    // Conflict ids are derived from their content, so a re-sent push logs nothing new.
    statements.push(upsertSql(tables.conflicts, sqlLiteral(logRows), 'nothing'))
  }
  if (plan.audit.length > 0) statements.push(auditSql(sqlLiteral(plan.audit)))
  // After an error the rest of a multi-statement query is skipped, so COMMIT runs only if all succeeded.
  statements.push('COMMIT')
  return statements.join(';\n')
}

/**
 * When a row's handler changes: the one who handled it loses it from their phone (a revocation,
 * pulled as a deletion) unless they own it or are a supervisor (who sees the team's rows anyway);
 * the new handler's earlier revocation, if any, is lifted.
 */
function handlerChangeSql(
  collection: PushCollection,
  id: string,
  before: string | null,
  after: string | null,
  ownerRepId: string | null,
): string {
  if (before === after) return ''
  const statements: string[] = []
  if (before !== null && before !== ownerRepId)
    statements.push(`INSERT INTO scope_revocations (user_id, collection, doc_id)
       SELECT u.id, ${quoteLiteral(collection)}, ${quoteLiteral(id)} FROM users u
        WHERE u.id = ${quoteLiteral(before)} AND u.role = 'rep'
       ON CONFLICT (user_id, collection, doc_id) DO UPDATE SET txid = pg_current_xact_id()`)
  if (after !== null)
    statements.push(`DELETE FROM scope_revocations WHERE user_id = ${quoteLiteral(after)}
        AND collection = ${quoteLiteral(collection)} AND doc_id = ${quoteLiteral(id)}`)
  return statements.join(';\n')
}

/** The audit log's row for a correction: who, which record, the latest revision before and the new one. */
function correctionEntry(
  who: Principal,
  collection: PushCollection,
  owner: Owner,
  before: unknown,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const cancels = after.status === 'cancelled' || after.cancelled === true
  return {
    actor_id: who.userId,
    actor_role: who.role,
    action: `${collection}.${cancels ? 'cancel' : 'correct'}`,
    target_type: collection,
    target_id: after.revisionOf,
    team_id: owner.teamId,
    before: before ?? null,
    after,
  }
}

const auditSql = (source: string) =>
  `INSERT INTO audit_log (actor_id, actor_role, action, target_type, target_id, team_id, before, after)
     SELECT actor_id, actor_role, action, target_type, target_id, team_id, before, after
       FROM jsonb_to_recordset(${source}::jsonb) AS x(actor_id text, actor_role text, action text,
            target_type text, target_id text, team_id text, before jsonb, after jsonb)`

type StoredRow = {
  id: string
  doc: Record<string, unknown>
  owner_rep_id: string | null
  team_id: string | null
}

/** Opens the transaction and, in the same round trip, locks and reads what the batch touches. */
async function lockStored(
  client: pg.PoolClient,
  collection: PushCollection,
  incoming: { doc: Record<string, unknown> }[],
  literal: Literal,
): Promise<{ current: Map<string, StoredRow>; customers: Map<string, Owner> }> {
  const def = tables[collection]
  const ids = [...new Set(incoming.map((r) => String(r.doc.id)))]
  const customerIds =
    collection === 'customers'
      ? []
      : [...new Set(incoming.map((r) => r.doc.customerId).filter((c): c is string => typeof c === 'string'))]
  const results = (await client.query(
    `BEGIN; ${lockSql(def.table, ids, customerIds, literal)}`,
  )) as unknown as pg.QueryResult<StoredRow & { k: 'c' | 'r' }>[]
  const current = new Map<string, StoredRow>()
  const customers = new Map<string, Owner>()
  for (const r of results[1]?.rows ?? []) {
    if (r.k === 'r') current.set(r.id, r)
    else customers.set(r.id, { ownerRepId: r.owner_rep_id, teamId: r.team_id })
  }
  return { current, customers }
}

/**
 * Scope of rows that do not exist yet, by the collection's scope in the collection table: a row
 * hanging off a customer inherits the customer's owner and team; any other is its creator's (a rep's
 * prospect added in the field, task or plan); a supervisor may create an assignable row (a task, a
 * plan) for a rep of their team.
 */
function resolveOwners(
  who: Principal,
  collection: PushCollection,
  incoming: Incoming,
  current: Map<string, unknown>,
  byCustomer: Map<string, Owner>,
  named: NamedScope,
): Map<string, Owner> {
  const result = new Map<string, Owner>()
  const scope = collectionTable[collection].scope
  if (scope.kind !== 'owned') return result
  const own: Owner = { ownerRepId: who.role === 'rep' ? who.userId : null, teamId: who.teamId }
  for (const { doc } of incoming) {
    const id = String(doc.id)
    if (current.has(id)) continue
    const customerId = scope.parent === 'customer' ? doc.customerId : undefined
    const fromCustomer = typeof customerId === 'string'
    const base = fromCustomer ? byCustomer.get(customerId) : own
    // A child of a customer out of reach (unknown or not stored) has no owner: the push is refused.
    if (!base) continue
    if (who.role === 'rep' || !scope.assignable) {
      result.set(id, base)
      continue
    }
    const assignee = doc[scope.ownerField]
    result.set(id, {
      ownerRepId: typeof assignee === 'string' ? assignee : base.ownerRepId,
      teamId: fromCustomer ? base.teamId : teamOfNamed(who, collection, doc, named),
    })
  }
  return result
}

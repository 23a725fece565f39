import type pg from 'pg'
import type { Principal } from '../auth/sessions.ts'
import type { ChangeNotice } from './change-bus.ts'
import { normalizeIncoming, type PushCollection, type PushKind } from './push-rules.ts'
import { mayWrite } from './scope.ts'
import { type ConflictRecord, mergeForServer } from './server-merge.ts'
import { tables, toRow } from './tables.ts'

export type PushRow = {
  newDocumentState: Record<string, unknown>
  assumedMasterState: Record<string, unknown> | null
}
export type PushOutcome = {
  conflicts: Record<string, unknown>[]
  applied: number
  notice: ChangeNotice | null
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
 * Applies a push batch inside the caller's transaction: every row is validated, authorized and merged
 * against the stored state; any rejection throws and the caller rolls the whole batch back.
 */
export async function applyPush(
  client: pg.PoolClient,
  who: Principal,
  collection: PushCollection,
  kind: PushKind,
  rows: PushRow[],
  now: Date,
): Promise<PushOutcome> {
  const def = tables[collection]
  const ids = rows.map((r) => String(r.newDocumentState.id ?? ''))
  const { rows: stored } = await client.query<{
    id: string
    doc: Record<string, unknown>
    owner_rep_id: string | null
    team_id: string | null
  }>(
    `SELECT id, doc, owner_rep_id, team_id FROM ${def.table} WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [ids],
  )
  const current = new Map(stored.map((r) => [r.id, r]))
  const owners = await resolveOwners(client, who, collection, rows, current)
  const conflicts: Record<string, unknown>[] = []
  const conflictLog: ConflictRecord[] = []
  const touched = new Set<string>()
  const touchedTeams = new Set<string>()
  let applied = 0

  for (const row of rows) {
    const incoming = normalizeIncoming(collection, row.newDocumentState, who)
    if (!incoming.ok) throw new PushRejected('E_VALIDATION', incoming.message, incoming.details)
    const doc = incoming.doc
    const id = String(doc.id)
    const existing = current.get(id)
    const owner = existing ? { ownerRepId: existing.owner_rep_id, teamId: existing.team_id } : owners.get(id)
    if (!owner || !mayWrite(who, owner)) {
      throw new PushRejected('E_FORBIDDEN', `not allowed to change ${collection}/${id}`, [
        {
          docId: id,
          reason: existing ? 'record belongs to another rep or team' : 'customer is not assigned to you',
        },
      ])
    }
    const result = mergeForServer(kind, collection, {
      stored: existing?.doc ?? null,
      incoming: doc,
      ancestor: row.assumedMasterState,
      who,
      owner,
      now,
    })
    if (result.conflictWithMaster) conflicts.push({ ...result.doc, _deleted: false })
    conflictLog.push(...result.conflicts)
    if (result.changed) {
      const values = toRow(def, result.doc, { owner_rep_id: owner.ownerRepId, team_id: owner.teamId })
      await upsert(client, def.table, values)
      applied++
      if (owner.ownerRepId) touched.add(owner.ownerRepId)
      if (owner.teamId) touchedTeams.add(owner.teamId)
      current.set(id, { id, doc: result.doc, owner_rep_id: owner.ownerRepId, team_id: owner.teamId })
    }
  }
  for (const c of conflictLog) {
    const values = toRow(tables.conflicts, c, {
      owner_rep_id: c.ownerRepId ?? null,
      team_id: c.teamId ?? null,
    })
    await client.query(
      `INSERT INTO conflicts (id, collection, doc_id, customer_id, owner_rep_id, team_id, doc)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [
        values.id,
        values.collection,
        values.doc_id,
        values.customer_id,
        values.owner_rep_id,
        values.team_id,
        values.doc,
      ],
    )
  }
  const notice: ChangeNotice | null =
    applied > 0 || conflictLog.length > 0
      ? {
          collections: conflictLog.length > 0 ? [collection, 'conflicts'] : [collection],
          owners: [...touched],
          teams: [...touchedTeams],
          broadcast: false,
        }
      : null
  return { conflicts, applied, notice }
}

async function upsert(client: pg.PoolClient, table: string, values: Record<string, unknown>) {
  const cols = Object.keys(values)
  const placeholders = cols.map((_, i) => `$${i + 1}`)
  const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`)
  await client.query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    cols.map((c) => values[c]),
  )
}

/**
 * Scope of rows that do not exist yet: children inherit their customer's owner; a rep's new customer
 * (a prospect added in the field), task or plan is their own.
 */
async function resolveOwners(
  client: pg.PoolClient,
  who: Principal,
  collection: PushCollection,
  rows: PushRow[],
  current: Map<string, unknown>,
): Promise<Map<string, Owner>> {
  const result = new Map<string, Owner>()
  const fresh = rows.map((r) => r.newDocumentState).filter((d) => !current.has(String(d.id)))
  if (fresh.length === 0) return result
  const own: Owner = { ownerRepId: who.role === 'rep' ? who.userId : null, teamId: who.teamId }
  if (collection === 'customers' || collection === 'dayPlans') {
    for (const d of fresh)
      result.set(
        String(d.id),
        collection === 'dayPlans' && who.role !== 'rep' ? { ...own, ownerRepId: String(d.repId ?? '') } : own,
      )
    return result
  }
  const customerIds = [
    ...new Set(fresh.map((d) => d.customerId).filter((c): c is string => typeof c === 'string')),
  ]
  const { rows: owners } = await client.query<{
    id: string
    owner_rep_id: string | null
    team_id: string | null
  }>('SELECT id, owner_rep_id, team_id FROM customers WHERE id = ANY($1::text[])', [customerIds])
  const byCustomer = new Map(owners.map((o) => [o.id, { ownerRepId: o.owner_rep_id, teamId: o.team_id }]))
  for (const d of fresh) {
    const id = String(d.id)
    if (typeof d.customerId === 'string') {
      const o = byCustomer.get(d.customerId)
      if (o)
        result.set(
          id,
          collection === 'tasks' && who.role !== 'rep'
            ? { ...o, ownerRepId: String(d.assigneeId ?? o.ownerRepId) }
            : o,
        )
    } else if (collection === 'tasks') {
      result.set(
        id,
        who.role === 'rep' ? own : { ownerRepId: String(d.assigneeId ?? ''), teamId: who.teamId },
      )
    }
  }
  return result
}

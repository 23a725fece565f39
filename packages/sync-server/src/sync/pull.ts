import type pg from 'pg'
import type { Principal } from '../auth/sessions.ts'
import { type Checkpoint, initialCheckpoint, nextCheckpoint } from './checkpoint.ts'
import { scopeCondition } from './scope.ts'
import { type TableDef, type TableName, tables } from './tables.ts'

type Queryable = Pick<pg.Pool, 'query'>

/**
 * One page of a collection for `who`, after `checkpoint`: rows in scope, plus rows that left the
 * scope (reassigned away), sent as deletions so the device drops them. Each document is JSON text
 * rendered by the database (with `id` and `_deleted`), so the server never parses and re-serialises
 * documents it only forwards.
 */
export async function pullPageRaw(
  db: Queryable,
  who: Principal,
  collection: TableName,
  checkpoint: Checkpoint | null,
  limit: number,
): Promise<{ documents: string[]; checkpoint: Checkpoint; total?: number }> {
  const start = checkpoint ?? initialCheckpoint()
  // A first pass (from txid 0) is a device's first sync: each page also says how many rows the
  // scope holds, so the device can show its progress (later passes skip the count).
  const firstPass = start.x === '0'
  const params: unknown[] = [start.x, start.t, start.i, limit]
  const def: TableDef = tables[collection]
  const doc = documentSql(def)
  const cond = scopeCondition(def, who, params)
  params.push(who.userId, collection)
  const u = params.length - 1
  const sql = `(SELECT r.id, r.txid::text AS txid, false AS deleted, ${doc} AS doc, r.txid AS ord
              FROM ${def.table} r WHERE ${cond} AND r.txid >= $1::xid8 AND (r.txid, r.id) > ($2::xid8, $3)
             ORDER BY r.txid, r.id LIMIT $4)
           UNION ALL
           (SELECT s.doc_id AS id, s.txid::text AS txid, true AS deleted, ${doc} AS doc, s.txid AS ord
              FROM scope_revocations s JOIN ${def.table} r ON r.id = s.doc_id
             WHERE s.user_id = $${u} AND s.collection = $${u + 1} AND s.txid >= $1::xid8 AND (s.txid, s.doc_id) > ($2::xid8, $3)
             ORDER BY s.txid, s.doc_id LIMIT $4)
           ORDER BY ord, id LIMIT $4`
  // The snapshot (its xmax and in-progress ids) comes from the same statement as the rows: one
  // snapshot, one round trip.
  const { rows: result } = await db.query<{
    xmax: string
    xip: string[]
    total: number | null
    id: string | null
    txid: string
    json: string
  }>(
    `SELECT s.xmax, s.xip, s.total, p.id, p.txid,
            (p.doc || jsonb_build_object('id', p.id, '_deleted', p.deleted))::text AS json
       FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
                    ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot())::text) AS xip,
                    ${firstPass ? scopeCountSql(def, cond) : 'NULL::int'} AS total) s
       LEFT JOIN LATERAL (${sql}) p ON true
      ORDER BY p.ord, p.id`,
    params,
  )
  const snap = { xmax: result[0]!.xmax, xip: result[0]!.xip }
  const cp = checkpoint ?? initialCheckpoint()
  const rows = result.filter((r): r is typeof r & { id: string } => r.id !== null)
  // A row and its revocation can share a page when a customer moved away and back; the later one wins.
  const byId = new Map<string, string>()
  for (const r of rows) {
    byId.delete(r.id)
    byId.set(r.id, r.json)
  }
  const total = result[0]!.total
  return {
    documents: [...byId.values()],
    checkpoint: nextCheckpoint(cp, rows, limit, snap),
    ...(total === null ? {} : { total }),
  }
}

/**
 * How many rows the scope holds: a count over the scope's index (a rep's `owner_rep_id`, a
 * supervisor's `team_id`), in the page's own statement. Rows written while the first sync runs are
 * not counted, so it is a lower bound the device caps its display at.
 */
const scopeCountSql = (def: TableDef, cond: string) =>
  `(SELECT count(*)::int FROM ${def.table} r WHERE ${cond})`

/**
 * Collections with a recent window, and the column of the time it is read by: a supervisor reviews
 * the newest visits first, so a first sync delivers them before the history.
 */
export const recentWindow: Partial<Record<TableName, { column: string }>> = {
  visits: { column: 'check_in_at' },
}
/** How far back the recent window reaches. */
export const RECENT_WEEKS = 8

/**
 * One page of a collection's recent window for `who`: the scope's documents of the last
 * RECENT_WEEKS (by the collection's time column), newest first, after `after`. Read-only and outside
 * the checkpoint: the device stores them, and its normal pass from txid 0 delivers them again (the
 * device ignores what it already has), so the window can neither skip nor lose anything. `next` is
 * where the window goes on, null once it is done; `total` is the scope's count, as on a first pass.
 */
export async function pullRecentPageRaw(
  db: Queryable,
  who: Principal,
  collection: TableName,
  after: { at: string; id: string } | null,
  limit: number,
  now: Date,
): Promise<{ documents: string[]; next: { at: string; id: string } | null; total: number }> {
  const def: TableDef = tables[collection]
  const window = recentWindow[collection]
  const since = new Date(now.getTime() - RECENT_WEEKS * 7 * 86_400_000).toISOString()
  const params: unknown[] = [since, limit]
  const cond = scopeCondition(def, who, params)
  if (!window) {
    // No window for this collection: the device goes straight to its normal pass.
    const counted = await db.query<{ total: number }>(
      `SELECT ${scopeCountSql(def, cond)} AS total, $1::timestamptz AS since, $2::int AS lim`,
      params,
    )
    return { documents: [], next: null, total: counted.rows[0]!.total }
  }
  const col = window.column
  let cursor = ''
  if (after) {
    params.push(after.at, after.id)
    cursor = `AND (r.${col}, r.id) < ($${params.length - 1}::timestamptz, $${params.length})`
  }
  // The count and the rows in one statement (LEFT JOIN: the count comes back on an empty page too).
  const { rows } = await db.query<{ total: number; id: string | null; at: string; json: string }>(
    `SELECT s.total, p.id, p.at, p.json
       FROM (SELECT ${scopeCountSql(def, cond)} AS total) s
       LEFT JOIN LATERAL (
         SELECT r.id, r.${col} AS ts, to_json(r.${col}) #>> '{}' AS at,
                (${documentSql(def)} || jsonb_build_object('id', r.id, '_deleted', false))::text AS json
           FROM ${def.table} r
          WHERE ${cond} AND r.${col} >= $1::timestamptz ${cursor}
          ORDER BY r.${col} DESC, r.id DESC
          LIMIT $2) p ON true
      ORDER BY p.ts DESC, p.id DESC`,
    params,
  )
  const page = rows.filter((r): r is typeof r & { id: string } => r.id !== null)
  const last = page[page.length - 1]
  return {
    documents: page.map((r) => r.json),
    next: page.length >= limit && last ? { at: last.at, id: last.id } : null,
    total: rows[0]!.total,
  }
}

const identifier = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`)
  return name
}

/**
 * The SQL (on alias `r`) of the document devices receive: the stored `doc`, or for a projected
 * collection (users) only the schema's fields, some read from columns: an allow-list, so a secret
 * kept on the row (a password hash) never reaches a device.
 */
export function documentSql(def: TableDef): string {
  if (def.projection === undefined) return 'r.doc'
  const fromColumns = Object.entries(def.projection).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  )
  const projected = new Set(fromColumns.map(([f]) => f))
  const fromDoc = Object.keys(def.schema.shape)
    .filter((f) => !projected.has(f))
    .map((f) => `'${identifier(f)}'`)
  const columns = fromColumns.map(([f, c]) => `'${identifier(f)}', r.${identifier(c)}`)
  return `((SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM jsonb_each(r.doc) e
             WHERE e.key = ANY(ARRAY[${fromDoc.join(', ')}]::text[]))
           || jsonb_build_object(${columns.join(', ')}))`
}

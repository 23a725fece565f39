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
): Promise<{ documents: string[]; checkpoint: Checkpoint }> {
  const start = checkpoint ?? initialCheckpoint()
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
    id: string | null
    txid: string
    json: string
  }>(
    `SELECT s.xmax, s.xip, p.id, p.txid,
            (p.doc || jsonb_build_object('id', p.id, '_deleted', p.deleted))::text AS json
       FROM (SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax,
                    ARRAY(SELECT pg_snapshot_xip(pg_current_snapshot())::text) AS xip) s
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
  return { documents: [...byId.values()], checkpoint: nextCheckpoint(cp, rows, limit, snap) }
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

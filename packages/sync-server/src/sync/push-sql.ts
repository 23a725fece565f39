import type pg from 'pg'
import { rowColumns, type TableDef } from './tables.ts'

/** Quotes a value as a SQL literal (JSON text), for statements sent several to a round trip. */
export type Literal = (value: unknown) => string

/**
 * `pg`'s `escapeLiteral`, output for output, without its character-by-character concatenation: that
 * builds one string object per character, which made quoting a push's rows its largest allocation.
 */
export function quoteLiteral(text: string): string {
  const quoted = `'${text.replaceAll("'", "''")}'`
  return text.includes('\\') ? ` E${quoted.replaceAll('\\', '\\\\')}` : quoted
}

export const sqlLiteral: Literal = (value) => {
  const json = JSON.stringify(value)
  return typeof json === 'string' ? quoteLiteral(json) : "''"
}

/** `id = ANY(…)` over a JSON array literal of ids, so the index on `id` is used. */
const anyOf = (idsJson: string) => `ANY(ARRAY(SELECT jsonb_array_elements_text(${idsJson}::jsonb)))`

/**
 * Locks the stored rows of a batch and reads the scope of the customers their new rows hang off.
 * The customers are share-locked so a concurrent reassignment cannot move one between this read and
 * the write (it waits, or this read sees its result). Rows come back tagged `c` (customer) or `r`.
 */
export function lockSql(table: string, ids: unknown[], customerIds: unknown[], literal: Literal): string {
  return `WITH c AS (SELECT id, owner_rep_id, team_id FROM customers WHERE id = ${anyOf(literal(customerIds))} ORDER BY id FOR SHARE),
          r AS (SELECT id, doc, owner_rep_id, team_id FROM ${table} WHERE id = ${anyOf(literal(ids))} ORDER BY id FOR UPDATE)
     SELECT 'c' AS k, id, NULL::jsonb AS doc, owner_rep_id, team_id FROM c
     UNION ALL SELECT 'r', id, doc, owner_rep_id, team_id FROM r`
}

/** Columns of a table's rows and the `jsonb_to_recordset` that reads them from `source`. */
function recordset(def: TableDef, source: string) {
  const { cols, types } = rowColumns(def)
  const record = cols.map((c, i) => `${c} ${types[i]}`).join(', ')
  return { cols, from: `jsonb_to_recordset(${source}::jsonb) AS x(${record})` }
}

/** A multi-row upsert of `source` (a JSON array of row objects) through `jsonb_to_recordset`. */
export function upsertSql(def: TableDef, source: string, onConflict: 'update' | 'nothing'): string {
  const { cols, from } = recordset(def, source)
  const action =
    onConflict === 'nothing'
      ? 'DO NOTHING'
      : `DO UPDATE SET ${cols
          .filter((c) => c !== 'id')
          .map((c) => `${c} = EXCLUDED.${c}`)
          .join(', ')}`
  return `INSERT INTO ${def.table} (${cols.join(', ')})
     SELECT ${cols.join(', ')} FROM ${from}
     ON CONFLICT (id) ${action}`
}

/**
 * Inserts new rows only if `guard` (a SQL condition) holds, and fails the statement (division by
 * zero, SQLSTATE 22012) unless every one of the `count` rows was inserted: a row whose id exists
 * already, or a false guard, aborts the transaction.
 */
export function insertAllOrFailSql(def: TableDef, source: string, count: number, guard: string): string {
  const { cols, from } = recordset(def, source)
  return `WITH ins AS (
       INSERT INTO ${def.table} (${cols.join(', ')})
       SELECT ${cols.join(', ')} FROM ${from} WHERE ${guard}
       ON CONFLICT (id) DO NOTHING RETURNING 1)
     SELECT 1 / ((SELECT count(*) FROM ins) = ${Math.trunc(count)})::int AS all_inserted`
}

/** One multi-row upsert as a single parameterised statement (one round trip per batch). */
export async function writeRows(
  client: Pick<pg.PoolClient, 'query'>,
  def: TableDef,
  rows: Record<string, unknown>[],
  onConflict: 'update' | 'nothing',
): Promise<void> {
  await client.query(upsertSql(def, '$1', onConflict), [JSON.stringify(rows)])
}

import { type CollectionDefinition, collectionTable } from '@outrider/domain'

/**
 * How each synced collection maps onto its table, straight from the domain's collection table: the
 * typed columns extracted from a document (for scope, authorization and queries) next to the full
 * document in `doc`.
 */
type Doc = Record<string, unknown>
export type TableDef = CollectionDefinition

export const tables = collectionTable
export type TableName = keyof typeof tables

/** Columns a document write fills: `id`, the extracted columns and `doc`, with their Postgres types. */
export function rowColumns(def: TableDef): { cols: string[]; types: string[] } {
  const extracted = def.columns.filter((c) => c.from !== undefined)
  return {
    cols: ['id', ...extracted.map((c) => c.name), 'doc'],
    types: ['text', ...extracted.map((c) => c.type), 'jsonb'],
  }
}

/** Row object for bulk inserts: id, extracted columns and the document itself. */
export function toRow(
  def: TableDef,
  doc: Doc,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const row: Record<string, unknown> = { id: doc.id, doc }
  for (const c of def.columns) {
    if (c.from === undefined) continue
    row[c.name] = Object.hasOwn(overrides, c.name) ? overrides[c.name] : c.from(doc)
  }
  return row
}

/**
 * Inserts many documents in one statement per chunk through `jsonb_to_recordset`, so seeding
 * thousands of rows costs a handful of round trips.
 */
export async function bulkInsert(
  client: { query: (text: string, values?: unknown[]) => Promise<unknown> },
  def: TableDef,
  docs: readonly Doc[],
  overridesFor: (doc: Doc) => Record<string, unknown> = () => ({}),
  chunk = 2000,
): Promise<void> {
  const { cols, types } = rowColumns(def)
  const recordset = cols.map((c, i) => `${c} ${types[i]}`).join(', ')
  const sql = `INSERT INTO ${def.table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${recordset})`
  for (let i = 0; i < docs.length; i += chunk) {
    const rows = docs.slice(i, i + chunk).map((d) => toRow(def, d, overridesFor(d)))
    await client.query(sql, [JSON.stringify(rows)])
  }
}

import type pg from 'pg'
import { type TableDef, toRow } from '../sync/tables.ts'

/** Writes one document with its extracted columns (insert, or replace the stored one); bumps its txid. */
export async function upsertDoc(
  client: pg.PoolClient,
  def: TableDef,
  doc: Record<string, unknown>,
  overrides: Record<string, unknown> = {},
): Promise<void> {
  const values = toRow(def, doc, overrides)
  const cols = Object.keys(values)
  const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`)
  await client.query(
    `INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
    cols.map((c) => values[c]),
  )
}

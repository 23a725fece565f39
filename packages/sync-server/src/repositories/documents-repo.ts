import type { CollectionName } from '@outrider/domain'
import type pg from 'pg'
import { bulkInsert, tables, toRow } from '../sync/tables.ts'
import type { Queryable } from './queryable.ts'

type Doc = Record<string, unknown>

/**
 * Synced documents by collection, for everything outside the sync path (routes, imports, the seed):
 * each stored with the typed columns its collection definition extracts, so pulls and scopes see it.
 */
export const documentsRepo = {
  /** Many new documents, a few statements in all; `overridesFor` sets columns the document lacks. */
  insertMany(
    client: Pick<pg.PoolClient, 'query'>,
    collection: CollectionName,
    docs: readonly Doc[],
    overridesFor?: (doc: Doc) => Record<string, unknown>,
  ): Promise<void> {
    return bulkInsert(client, tables[collection], docs, overridesFor)
  },

  /** Writes one document (insert, or replace the stored one); bumps its txid so devices pull it. */
  async upsert(
    client: pg.PoolClient,
    collection: CollectionName,
    doc: Doc,
    overrides: Record<string, unknown> = {},
  ): Promise<void> {
    const def = tables[collection]
    const values = toRow(def, doc, overrides)
    const cols = Object.keys(values)
    const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`)
    await client.query(
      `INSERT INTO ${def.table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
      cols.map((c) => values[c]),
    )
  },

  /** One document; `forUpdate` locks its row until the caller's transaction ends (read, change, write). */
  async find<T = Doc>(
    db: Queryable,
    collection: CollectionName,
    id: string,
    opts: { forUpdate?: boolean } = {},
  ): Promise<T | null> {
    const { rows } = await db.query<{ doc: T }>(
      `SELECT doc FROM ${tables[collection].table} WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    )
    return rows[0]?.doc ?? null
  },

  async list<T = Doc>(db: Queryable, collection: CollectionName): Promise<T[]> {
    const { rows } = await db.query<{ doc: T }>(`SELECT doc FROM ${tables[collection].table} ORDER BY id`)
    return rows.map((r) => r.doc)
  },
}

import { type ColumnType, everyCollection } from '@outrider/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPostgres, type TestDb } from '../testing/test-db.ts'

/** How Postgres names each column type of the collection table (`information_schema.columns.udt_name`). */
const udtOf: Record<ColumnType | 'jsonb' | 'xid8', string> = {
  text: 'text',
  integer: 'int4',
  'double precision': 'float8',
  numeric: 'numeric',
  boolean: 'bool',
  timestamptz: 'timestamptz',
  date: 'date',
  jsonb: 'jsonb',
  xid8: 'xid8',
}

/** What every synced table has besides the columns its definition declares. */
const common = { id: 'text', doc: 'jsonb', txid: 'xid8', server_updated_at: 'timestamptz' } as const

let t: TestDb
beforeAll(async () => {
  t = await freshPostgres()
})
afterAll(() => t.drop())

describe('migrations against the collection table', () => {
  it('create exactly the columns each collection declares, with the declared types', async () => {
    const { rows } = await t.db.pool.query<{ table_name: string; column_name: string; udt_name: string }>(
      `SELECT table_name, column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema()`,
    )
    for (const [name, d] of everyCollection()) {
      const migrated = Object.fromEntries(
        rows.filter((r) => r.table_name === d.table).map((r) => [r.column_name, r.udt_name]),
      )
      const declared = Object.fromEntries([
        ...Object.entries(common).map(([column, type]) => [column, udtOf[type]]),
        ...d.columns.map((c) => [c.name, udtOf[c.type]]),
      ])
      expect(migrated, `${name}: table ${d.table}`).toEqual(declared)
    }
  })
})

import type pg from 'pg'

/** Every row of every table (txid and times included), by table, in a stable order: for comparing copies. */
export async function contents(pool: { query: pg.Pool['query'] }): Promise<Record<string, string[]>> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'pgmigrations' ORDER BY 1`,
  )
  const out: Record<string, string[]> = {}
  for (const { name } of rows) {
    const r = await pool.query<{ j: string }>(`SELECT to_jsonb(t)::text AS j FROM "${name}" t`)
    out[name] = r.rows.map((x) => x.j).sort()
  }
  return out
}

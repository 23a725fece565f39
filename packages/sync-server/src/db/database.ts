import { mkdirSync } from 'node:fs'
import pg from 'pg'

// Postgres returns bigint/xid8 as strings; keep them as strings (they are opaque checkpoints here).
export type DbKind = 'postgres' | 'pglite'

export type Database = {
  kind: DbKind
  pool: pg.Pool
  /** Run `fn` in one transaction on one client; rolls back on throw. */
  tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * One SQL code path for both stores: a real Postgres through `pg.Pool`, or an embedded PGlite
 * exposed through the same `pg.Pool` interface (it serves one connection at a time).
 */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined
  dataDir: string
}): Promise<Database> {
  let pool: pg.Pool
  let kind: DbKind
  let closeExtra: () => Promise<void> = async () => {}
  if (opts.databaseUrl) {
    kind = 'postgres'
    // 20 for pushes (see PUSH_CONCURRENCY in sync/handlers.ts), the rest for pulls and session checks.
    pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 36 })
  } else {
    kind = 'pglite'
    const { PGlite } = await import('@electric-sql/pglite')
    const { createPgConfig } = await import('@electric-sql/pglite/node-postgres')
    const dataDir = opts.dataDir
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
    const pglite = await PGlite.create(dataDir)
    pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 })
    closeExtra = () => pglite.close()
  }
  // An idle client erroring (e.g. Postgres restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  // The pool stops listening for errors on a checked-out client, so a connection killed while checked
  // out (Postgres restart, pg_terminate_backend, even between "ready" and the caller's first statement)
  // would emit an unhandled 'error' and crash the process. Swallow it here: the client's next statement
  // fails, the caller's transaction rolls back, and the pool discards the dead client on release.
  pool.on('connect', (client) => client.on('error', () => {}))
  const db: Database = {
    kind,
    pool,
    async tx(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(client)
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    async close() {
      await pool.end()
      await closeExtra()
    },
  }
  return db
}

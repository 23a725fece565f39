import pg from 'pg'
import { logFailure, rollbackFailed } from '../log-failure.ts'

import { convertPglite, needsConversion, setAsidePglite } from './convert-pglite.ts'
import { startEmbeddedPostgres } from './embedded-postgres.ts'

export type { Database, DbKind } from './database-handle.ts'

import type { Database, DbKind } from './database-handle.ts'

/**
 * One SQL code path for both: a real PostgreSQL either way, reached through the same `pg.Pool`. Without
 * a URL, the embedded PostgreSQL of `dataDir` is started (or reused) and stopped again on close.
 */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined
  dataDir: string
  log?: (msg: string) => void
}): Promise<Database> {
  const log = opts.log ?? ((msg: string) => process.stderr.write(`${msg}\n`))
  // 20 for pushes (see PUSH_CONCURRENCY in sync/handlers.ts), the rest for pulls and session checks.
  const max = 36
  let pool: pg.Pool
  let kind: DbKind
  let closeExtra: () => Promise<void> = async () => {}
  let guest = false
  let converting: string | null = null
  if (opts.databaseUrl) {
    kind = 'postgres'
    pool = new pg.Pool({ connectionString: opts.databaseUrl, max })
  } else {
    kind = 'embedded'
    // A PGlite database of an earlier version is set aside first, and converted once Postgres runs.
    if (needsConversion(opts.dataDir)) converting = await setAsidePglite(opts.dataDir, log)
    const embedded = await startEmbeddedPostgres(opts.dataDir, log)
    pool = new pg.Pool({ ...embedded.connection, max })
    guest = !embedded.owner
    closeExtra = () => embedded.stop()
  }
  // An idle client erroring (e.g. Postgres restarted) must not crash the process; the pool replaces it.
  pool.on('error', (err) => log(`database: an idle connection failed (the pool replaces it): ${err.message}`))
  // The pool stops listening for errors on a checked-out client, so a connection killed while checked
  // out (Postgres restart, pg_terminate_backend, even between "ready" and the caller's first statement)
  // would emit an unhandled 'error' and crash the process. Log it here instead: the client's next statement
  // fails, the caller's transaction rolls back, and the pool discards the dead client on release.
  pool.on('connect', (client) =>
    client.on('error', (err) =>
      log(`database: a connection in use failed (its statement fails and it is discarded): ${err.message}`),
    ),
  )
  let closing: Promise<void> | undefined
  const db: Database = {
    kind,
    guest,
    pool,
    async tx(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(client)
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(logFailure(rollbackFailed))
        throw err
      } finally {
        client.release()
      }
    },
    // Once: a second close (a shutdown path and a clean-up both closing) waits for the first.
    close() {
      closing ??= (async () => {
        await pool.end().catch(logFailure('closing the pool failed; the process is shutting it down'))
        await closeExtra()
      })()
      return closing
    },
  }
  if (converting) {
    try {
      await convertPglite(opts.dataDir, converting, db, log)
    } catch (err) {
      await db.close()
      throw new Error(
        `converting the PGlite database failed (it is kept in ${converting}): ${(err as Error).message}`,
      )
    }
  }
  return db
}

import { readdirSync } from 'node:fs'
import path from 'node:path'
import { runner } from 'node-pg-migrate'
import { logFailure } from '../log-failure.ts'
import { packageRoot } from '../package-root.ts'
import type { Database } from './database-handle.ts'

const migrationsDir = path.join(packageRoot(), 'migrations')

/** The names of this version's migrations, in order (as node-pg-migrate records them). */
export const migrationNames = (): string[] =>
  readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.replace(/\.sql$/, ''))
    .sort()

/**
 * Server instances starting together wait for each other here: node-pg-migrate only *tries* its own
 * advisory lock and throws "Another migration is already running" when it is taken, which crashed every
 * instance but one (even with nothing to migrate). Held for the session: a dead connection frees it.
 */
const MIGRATE_LOCK_SQL = `SELECT pg_advisory_lock(hashtext('outrider:migrate'))`
const MIGRATE_UNLOCK_SQL = `SELECT pg_advisory_unlock(hashtext('outrider:migrate'))`

/**
 * Applies pending migrations (SQL files in `migrations/`), one instance at a time (see above); with
 * `count`, only up to the first `count` of them (a restore loads data at its backup's schema).
 */
export async function migrate(
  db: Database,
  opts: { schema?: string; count?: number } = {},
): Promise<string[]> {
  const client = await db.pool.connect()
  try {
    await client.query(MIGRATE_LOCK_SQL)
    const done = await runner({
      dbClient: client,
      dir: migrationsDir,
      direction: 'up',
      ...(opts.count === undefined ? {} : { count: opts.count }),
      migrationsTable: 'pgmigrations',
      ...(opts.schema ? { schema: opts.schema, createSchema: true } : {}),
      singleTransaction: true,
      checkOrder: true,
      log: () => {},
    })
    return done.map((m) => m.name)
  } finally {
    // The lock is the session's: released before the connection goes back to the pool. When the unlock
    // fails the connection is closed instead of reused, which ends the session and so frees the lock.
    const unlockError = await client.query(MIGRATE_UNLOCK_SQL).then(
      () => undefined,
      (err: unknown) => {
        logFailure('releasing the migration lock failed; closing its connection frees it')(err)
        return err instanceof Error ? err : new Error(String(err))
      },
    )
    client.release(unlockError)
  }
}

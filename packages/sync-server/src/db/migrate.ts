import { readdirSync } from 'node:fs'
import path from 'node:path'
import { runner } from 'node-pg-migrate'
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
 * Applies pending migrations (SQL files in `migrations/`) under node-pg-migrate's advisory lock; with
 * `count`, only up to the first `count` of them (a restore loads data at its backup's schema).
 */
export async function migrate(
  db: Database,
  opts: { schema?: string; count?: number } = {},
): Promise<string[]> {
  const client = await db.pool.connect()
  try {
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
    client.release()
  }
}

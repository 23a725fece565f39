import path from 'node:path'
import { runner } from 'node-pg-migrate'
import { packageRoot } from '../package-root.ts'
import type { Database } from './database.ts'

const migrationsDir = path.join(packageRoot(), 'migrations')

/** Applies pending migrations (SQL files in `migrations/`) under node-pg-migrate's advisory lock. */
export async function migrate(db: Database, opts: { schema?: string } = {}): Promise<string[]> {
  const client = await db.pool.connect()
  try {
    const done = await runner({
      dbClient: client,
      dir: migrationsDir,
      direction: 'up',
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

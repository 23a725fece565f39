import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { type Database, openDatabase } from '../db/database.ts'
import { migrate } from '../db/migrate.ts'
import { logFailure } from '../log-failure.ts'

export const postgresBaseUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export type TestDb = { db: Database; url: string | undefined; drop(): Promise<void> }

/** A fresh, migrated Postgres database for one test file; dropped afterwards. */
export async function freshPostgres(): Promise<TestDb> {
  const name = `outrider_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: postgresBaseUrl })
  try {
    await admin.connect()
  } catch (err) {
    throw new Error(
      `Postgres tests need a server at ${postgresBaseUrl} (set TEST_DATABASE_URL): ${(err as Error).message}`,
    )
  }
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(postgresBaseUrl)
  url.pathname = `/${name}`
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  await migrate(db)
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close().catch(logFailure('the test database did not close; it is dropped all the same'))
      const a = new pg.Client({ connectionString: postgresBaseUrl })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

/**
 * The stores server tests run against (`describe.each(stores)`): a real Postgres. The embedded mode
 * runs the same PostgreSQL; its own start, crash and backup tests are in `src/db/*.pg.test.ts`.
 */
export const stores = [{ name: 'postgres', fresh: freshPostgres }] as const

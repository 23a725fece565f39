import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { seedTinyOrg } from '../testing/fixtures.ts'
import { type Database, openDatabase } from './database.ts'
import { migrate } from './migrate.ts'
import { contents } from './testing/contents.ts'

/** A PGlite database as earlier versions kept it: directly in DATA_DIR, migrated and seeded. */
async function makePgliteDataDir(dir: string): Promise<Record<string, string[]>> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres')
  const lite = await PGlite.create(dir)
  const pool = new pg.Pool({ ...createPgConfig(lite), max: 1 })
  const db: Database = {
    kind: 'postgres',
    guest: false,
    pool,
    async tx(fn) {
      const c = await pool.connect()
      try {
        await c.query('BEGIN')
        const r = await fn(c)
        await c.query('COMMIT')
        return r
      } finally {
        c.release()
      }
    },
    close: async () => {},
  }
  await migrate(db)
  await seedTinyOrg(db, { perRep: 3 })
  await pool.query(
    `INSERT INTO photos (id, content_type, bytes) VALUES ('p1', 'image/png', '\\x89504e47'::bytea)`,
  )
  const before = await contents(pool)
  await pool.end()
  await lite.close()
  return before
}

// initdb and crash recovery take seconds each, more on a busy CI machine.
describe('a DATA_DIR holding a PGlite database of an earlier version', { timeout: 240_000 }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'outrider-pglite-'))
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))

  it('is converted on the first start: the same rows in the embedded Postgres, the old files kept aside', async () => {
    const dataDir = path.join(tmp, 'data')
    const before = await makePgliteDataDir(dataDir)
    const logged: string[] = []
    const db = await openDatabase({ dataDir, log: (m) => logged.push(m) })
    try {
      expect(db.kind).toBe('embedded')
      expect(await contents(db.pool)).toEqual(before)
    } finally {
      await db.close()
    }
    const aside = readdirSync(dataDir).filter((e) => e.startsWith('pglite-'))
    expect(aside).toHaveLength(1)
    expect(existsSync(path.join(dataDir, aside[0]!, 'PG_VERSION'))).toBe(true)
    expect(logged.join('\n')).toContain(path.join(dataDir, aside[0]!))
    // Converted once: the next start opens the embedded database as it is.
    const again = await openDatabase({ dataDir, log: () => {} })
    try {
      expect(await contents(again.pool)).toEqual(before)
    } finally {
      await again.close()
    }
    expect(readdirSync(dataDir).filter((e) => e.startsWith('pglite-'))).toHaveLength(1)
  })

  it('is refused with a clear message when PGlite cannot open it, and left as it was', async () => {
    const dataDir = path.join(tmp, 'broken')
    mkdirSync(path.join(dataDir, 'base'), { recursive: true })
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '17\n')
    const listing = readdirSync(dataDir).sort()
    await expect(openDatabase({ dataDir, log: () => {} })).rejects.toThrow(
      /PGlite database .* cannot be opened/,
    )
    expect(readdirSync(dataDir).sort()).toEqual(listing)
  })
})

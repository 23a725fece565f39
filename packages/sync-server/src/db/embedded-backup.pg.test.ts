import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { run as backup } from '../cli/backup.ts'
import { run as restore } from '../cli/restore.ts'
import { seedTinyOrg } from '../testing/fixtures.ts'
import { freshPostgres } from '../testing/test-db.ts'
import { openDatabase } from './database.ts'
import { migrate } from './migrate.ts'
import { contents } from './testing/contents.ts'

/** `pnpm cli backup` / `pnpm cli restore`, as the commands run them. */
// initdb and crash recovery take seconds each, more on a busy CI machine.
describe('backup and restore', { timeout: 240_000 }, () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'outrider-backup-'))
  const quiet = () => {}
  const from = path.join(tmp, 'from')
  const into = path.join(tmp, 'into')
  const file = path.join(tmp, 'outrider.backup.gz')
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))

  it('round trip between two embedded databases: every row, its txid and bytes included', async () => {
    const source = await openDatabase({ dataDir: from, log: quiet })
    await migrate(source)
    await seedTinyOrg(source)
    await source.pool.query(
      `INSERT INTO photos (id, visit_id, content_type, bytes) VALUES ('p1', 'v-c-a1-1', 'image/jpeg', '\\x00ff0a5c'::bytea)`,
    )
    await source.pool.query(`INSERT INTO settings (key, value) VALUES ('odd', $1)`, [
      JSON.stringify({ text: 'tab\there, newline\nthere, back\\slash, \\. 中文' }),
    ])
    const before = await contents(source.pool)
    await source.close()

    expect(await backup([file], { DATA_DIR: from })).toBe(0)
    expect(await restore([file], { DATA_DIR: into })).toBe(0)

    const restored = await openDatabase({ dataDir: into, log: quiet })
    try {
      expect(await contents(restored.pool)).toEqual(before)
      // New writes come after every restored one, so devices' pull checkpoints stay valid.
      const maxOld = (await restored.pool.query(`SELECT max(txid)::text AS m FROM visits`)).rows[0].m
      await restored.pool.query(`UPDATE visits SET doc = doc WHERE id = 'v-c-a1-1'`)
      const fresh = (await restored.pool.query(`SELECT txid::text AS t FROM visits WHERE id = 'v-c-a1-1'`))
        .rows[0].t
      expect(BigInt(fresh)).toBeGreaterThan(BigInt(maxOld))
    } finally {
      await restored.close()
    }
  })

  it('refuses a database that holds data, and changes nothing in it', async () => {
    const db = await openDatabase({ dataDir: into, log: quiet })
    const before = await contents(db.pool)
    await db.close()
    expect(await restore([file], { DATA_DIR: into })).toBe(2)
    const after = await openDatabase({ dataDir: into, log: quiet })
    try {
      expect(await contents(after.pool)).toEqual(before)
    } finally {
      await after.close()
    }
  })

  it('a damaged backup loads nothing (external Postgres)', async () => {
    const target = await freshPostgres()
    try {
      const text = gunzipSync(readFileSync(file)).toString('utf8')
      // Cut inside the last table: the header and the first tables are fine, the end is missing.
      const cut = path.join(tmp, 'cut.backup.gz')
      writeFileSync(cut, gzipSync(text.slice(0, Math.floor(text.length * 0.9))))
      expect(await restore([cut], { DATABASE_URL: target.url! })).toBe(2)
      const all = await contents(target.db.pool)
      expect(Object.values(all).flat()).toEqual([])
      writeFileSync(cut, gzipSync('{"hello":"world"}\n'))
      expect(await restore([cut], { DATABASE_URL: target.url! })).toBe(2)
      // And the intact file restores into the same, still empty database.
      expect(await restore([file], { DATABASE_URL: target.url! })).toBe(0)
      expect((await target.db.pool.query('SELECT count(*)::int AS n FROM customers')).rows[0].n).toBe(15)
    } finally {
      await target.drop()
    }
  })
})

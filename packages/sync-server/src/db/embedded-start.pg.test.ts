import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { openDatabase } from './database.ts'
import { clusterDir, postmasterOf } from './embedded-postgres.ts'
import { migrate } from './migrate.ts'

// initdb and crash recovery take seconds each, more on a busy CI machine.
describe('embedded Postgres: start, stop, restart', { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'outrider-start-'))
  const quiet = () => {}
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('starts on an empty directory, reports "embedded", stops with the server and keeps its data', async () => {
    const db = await openDatabase({ dataDir, log: quiet })
    await migrate(db)
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), staticDir: undefined }
    const app = await buildApp({ config, db })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const health = await fetch(`http://127.0.0.1:${port}/healthz`)
    expect(await health.json()).toEqual({ status: 'ok', db: 'embedded' })
    await db.pool.query(`INSERT INTO settings (key, value) VALUES ('kept', '"yes"')`)
    // Postgres refuses root: as root the data belongs to the database's own account.
    if (process.getuid?.() === 0) expect(statSync(clusterDir(dataDir)).uid).not.toBe(0)
    await app.close()
    await db.close()
    expect(postmasterOf(clusterDir(dataDir))).toBeNull()

    const again = await openDatabase({ dataDir, log: quiet })
    try {
      const { rows } = await again.pool.query(`SELECT value FROM settings WHERE key = 'kept'`)
      expect(rows).toEqual([{ value: 'yes' }])
    } finally {
      await again.close()
    }
  })

  it('a second process on the same directory (the CLI beside a server) uses the database and leaves it running', async () => {
    const server = await openDatabase({ dataDir, log: quiet })
    try {
      expect(server.guest).toBe(false)
      const cli = await openDatabase({ dataDir, log: quiet })
      expect(cli.guest).toBe(true)
      await cli.pool.query(`INSERT INTO settings (key, value) VALUES ('from-cli', '1')`)
      await cli.close()
      const { rows } = await server.pool.query(`SELECT value FROM settings WHERE key = 'from-cli'`)
      expect(rows).toEqual([{ value: 1 }])
    } finally {
      await server.close()
    }
    expect(postmasterOf(clusterDir(dataDir))).toBeNull()
  })
})

import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { packageRoot } from '../package-root.ts'
import { openDatabase } from './database.ts'
import { clusterDir, postmasterOf } from './embedded-postgres.ts'

/**
 * The embedded database's durability promise: whatever is killed with SIGKILL in the middle of
 * writing (the process using the database, the database, or both), the next start on the same
 * directory comes up by itself and holds every write that was acknowledged.
 */
// initdb and crash recovery take seconds each, more on a busy CI machine.
describe('embedded Postgres survives SIGKILL mid-write', { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'outrider-crash-'))
  const quiet = () => {}
  afterAll(async () => {
    // Whatever a failed case left running is stopped through a normal open and close.
    const db = await openDatabase({ dataDir, log: quiet }).catch(() => null)
    await db?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  /** Starts the writer child; resolves once it has acknowledged `n` more writes. */
  function writer() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/db/testing/crash-writer.ts'], {
      cwd: packageRoot(),
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const acked: number[] = []
    let err = ''
    let waiter: { n: number; resolve: () => void } | null = null
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)))
      if (waiter && acked.length >= waiter.n) waiter.resolve()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    const acks = (more: number) =>
      new Promise<void>((resolve, reject) => {
        const n = acked.length + more
        if (acked.length >= n) return resolve()
        waiter = { n, resolve }
        void exited.then(() => reject(new Error(`writer exited after ${acked.length} acks: ${err}`)))
      })
    return { child, acked, acks, exited }
  }

  const kill = async (p: ChildProcess | number, done?: Promise<void>) => {
    process.kill(typeof p === 'number' ? p : p.pid!, 'SIGKILL')
    await done
  }
  const postmaster = () => {
    const pid = postmasterOf(clusterDir(dataDir))
    if (pid === null) throw new Error('no postmaster running')
    return pid
  }

  /** Opens the directory as the next start would and checks every acknowledged write is there. */
  async function expectAllAcknowledged(acked: number[]) {
    const db = await openDatabase({ dataDir, log: quiet })
    try {
      const { rows } = await db.pool.query<{ id: number }>('SELECT id FROM crash_log')
      const stored = new Set(rows.map((r) => r.id))
      expect(acked.length).toBeGreaterThan(0)
      expect(acked.filter((id) => !stored.has(id))).toEqual([])
    } finally {
      await db.close()
    }
  }

  it('the process using the database is killed; the database keeps running and is reused', async () => {
    const w = writer()
    await w.acks(300)
    const before = postmaster()
    await kill(w.child, w.exited)
    // The database outlives its user, as it does when a server is killed.
    expect(postmasterOf(clusterDir(dataDir))).toBe(before)
    await expectAllAcknowledged(w.acked)
  })

  it('the database is killed under a running writer; it is restarted, writes resume, none is lost', async () => {
    const w = writer()
    await w.acks(300)
    const killed = postmaster()
    await kill(killed)
    // The owner notices and starts it again (crash recovery): acknowledgements resume.
    await w.acks(300)
    expect(postmaster()).not.toBe(killed)
    await kill(w.child, w.exited)
    await expectAllAcknowledged(w.acked)
  })

  it('both are killed at once; the next start recovers the database from its WAL', async () => {
    const w = writer()
    await w.acks(300)
    const pm = postmaster()
    process.kill(pm, 'SIGKILL')
    await kill(w.child, w.exited)
    expect(postmasterOf(clusterDir(dataDir))).toBeNull()
    await expectAllAcknowledged(w.acked)
    expect(readFileSync(path.join(clusterDir(dataDir), 'server.log'), 'utf8')).toMatch(
      /database system was interrupted|not properly shut down/,
    )
  })
})

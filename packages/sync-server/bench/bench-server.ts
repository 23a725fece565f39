/**
 * The server side of `pnpm bench:sync`, run as a child process so its memory can be measured on its
 * own: opens the bench's temporary database, has the bench organisation seeded (by a child process
 * of its own: see `bench-seed.ts`), listens on a
 * loopback port and answers the parent over IPC (ready, raw baseline, rss).
 */
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/database.ts'
import { migrate } from '../src/db/migrate.ts'
import { packageRoot } from '../src/package-root.ts'
import { writeRows } from '../src/sync/push-sql.ts'
import { tables, toRow } from '../src/sync/tables.ts'
import { visitDoc } from '../src/testing/fixtures.ts'
import type { Seeded } from './bench-seed.ts'

export type ReadyMessage = { type: 'ready'; port: number; dbKind: string } & Seeded
export type ParentMessage =
  | { type: 'raw'; durationMs: number; batch: number; concurrency: number }
  | { type: 'rss' }
  | { type: 'stop' }

const send = (m: unknown) => process.send?.(m)

if (!process.env.BENCH_DATABASE_URL) throw new Error('bench-server: BENCH_DATABASE_URL is required')
const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: '' })
await migrate(db)

/** Seeds in a child process (see `bench-seed.ts`). */
async function seed(): Promise<Seeded> {
  // This process runs bundled (see scripts/build.mjs); the seeder runs from its TypeScript source. The
  // server's own profiling and tracing flags are not the seeder's.
  const execArgv = [
    '--import',
    'tsx',
    ...process.execArgv.filter((a) => !a.startsWith('--cpu-prof') && a !== '--trace-gc'),
  ]
  const child = fork(path.join(packageRoot(), 'bench/bench-seed.ts'), [], {
    env: { ...process.env, BENCH_SEED_CHILD: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
  })
  return new Promise<Seeded>((resolve, reject) => {
    child.once('message', (m: { type: string; seeded: Seeded }) => {
      if (m.type === 'seeded') resolve(m.seeded)
    })
    child.once('exit', (code) => reject(new Error(`seeding exited (${code}) without a result`)))
  })
}
const seeded = await seed()
// Started with --expose-gc by the bench: drop the setup's garbage (migrations) first.
;(globalThis as { gc?: () => void }).gc?.()

const config = { ...loadConfig({ LOG_LEVEL: 'silent', LOGIN_IP_LIMIT: '1000000' }), staticDir: undefined }
const app = await buildApp({ config, db })
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
const ready: ReadyMessage = {
  type: 'ready',
  port: typeof address === 'object' && address ? address.port : 0,
  dbKind: db.kind,
  ...seeded,
}
send(ready)

/**
 * Baseline: the same kind of visit rows (server-stamped, as a push stores them) upserted in batches
 * straight through the pool with the same statement, by `concurrency` workers, for `durationMs`.
 */
async function rawUpserts(durationMs: number, batch: number, concurrency: number) {
  const reps = ready.reps
  const end = performance.now() + durationMs
  let docs = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let n = 0; performance.now() < end; n++) {
        const rep = reps[(w + n) % reps.length]!
        const rows = Array.from({ length: batch }, (_, i) => {
          const customerId = rep.customerIds[(n * batch + i) % rep.customerIds.length]!
          const now = new Date().toISOString()
          const doc = {
            ...visitDoc(`v-raw-${randomUUID()}`, customerId),
            ownerRepId: rep.id,
            authorId: rep.id,
            receivedAt: now,
            serverUpdatedAt: now,
            review: { status: 'pending' },
          }
          return toRow(tables.visits, doc, { owner_rep_id: rep.id, team_id: rep.teamId })
        })
        const client = await db.pool.connect()
        try {
          await writeRows(client, tables.visits, rows, 'update')
        } finally {
          client.release()
        }
        docs += batch
      }
    }),
  )
  return { docs, ms: performance.now() - started }
}

process.on('message', (m: ParentMessage) => {
  if (m.type === 'rss') send({ type: 'rss', rss: process.memoryUsage().rss })
  else if (m.type === 'raw')
    void rawUpserts(m.durationMs, m.batch, m.concurrency).then((r) => send({ type: 'rawDone', ...r }))
  else if (m.type === 'stop')
    void app
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0))
})
// The parent going away (crash, Ctrl-C) must not leave a server running.
process.on('disconnect', () => process.exit(0))

/**
 * The server side of `pnpm bench:sync`, run as a child process so its memory can be measured on its
 * own: opens the database (a temporary Postgres database, or an in-memory PGlite), seeds the bench
 * organisation, listens on a loopback port and answers the parent over IPC (ready, raw baseline, rss).
 */
import { randomUUID } from 'node:crypto'
import { buildApp } from '../src/app.ts'
import { hashPassword } from '../src/auth/passwords.ts'
import { loadConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/database.ts'
import { migrate } from '../src/db/migrate.ts'
import { generateDemoOrg } from '../src/seed/index.ts'
import { writeRows } from '../src/sync/push-sql.ts'
import { bulkInsert, tables, toRow } from '../src/sync/tables.ts'
import { visitDoc } from '../src/testing/fixtures.ts'

type Doc = Record<string, unknown>
export type ReadyMessage = {
  type: 'ready'
  port: number
  dbKind: string
  seedMs: number
  password: string
  reps: { id: string; email: string; teamId: string; customerIds: string[] }[]
  supervisors: { id: string; email: string; teamId: string }[]
}
export type ParentMessage =
  | { type: 'raw'; durationMs: number; batch: number; concurrency: number }
  | { type: 'rss' }
  | { type: 'stop' }

const send = (m: unknown) => process.send?.(m)
const customersPerRep = Number(process.env.BENCH_CUSTOMERS_PER_REP ?? 2000)
const months = Number(process.env.BENCH_MONTHS ?? 3)

const db = await openDatabase({
  databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  dataDir: 'memory://',
})
await migrate(db)

/** Seeds the demo organisation (8 reps in 2 teams) with `customersPerRep` customers each and their history. */
async function seed() {
  const t0 = performance.now()
  const org = generateDemoOrg(1, { customers: customersPerRep * 8, months })
  const password = org.logins[0]!.password
  const hash = await hashPassword(password, { N: 2 ** 12 })
  const customers = new Map((org.customers as Doc[]).map((c) => [String(c.id), c]))
  const scopeOf = (d: Doc) => {
    const c = customers.get(String(d.customerId))
    return { owner_rep_id: c?.ownerRepId ?? null, team_id: c?.teamId ?? null }
  }
  const userTeam = new Map((org.users as Doc[]).map((u) => [String(u.id), u.teamId ?? null]))
  await db.tx(async (client) => {
    await bulkInsert(client, tables.teams, org.teams as Doc[])
    for (const u of org.users as Doc[])
      await client.query(
        'INSERT INTO users (id, email, password_hash, role, team_id, disabled, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [u.id, String(u.email).toLowerCase(), hash, u.role, u.teamId ?? null, u.disabled === true, u],
      )
    await bulkInsert(client, tables.products, org.products as Doc[])
    await bulkInsert(client, tables.policies, org.policies as Doc[])
    await bulkInsert(client, tables.tagRules, org.tagRules as Doc[])
    await bulkInsert(client, tables.customers, org.customers as Doc[])
    await bulkInsert(client, tables.contacts, org.contacts as Doc[], scopeOf)
    await bulkInsert(client, tables.orders, org.orders as Doc[], scopeOf)
    await bulkInsert(client, tables.visits, org.visits as Doc[], scopeOf)
    await bulkInsert(client, tables.feedback, org.feedback as Doc[], scopeOf)
    await bulkInsert(client, tables.tasks, org.tasks as Doc[], (d) => ({
      team_id: userTeam.get(String(d.assigneeId)) ?? null,
    }))
  })
  await db.pool.query('ANALYZE')
  const byRep = new Map<string, string[]>()
  for (const c of org.customers) {
    const list = byRep.get(String(c.ownerRepId)) ?? []
    list.push(c.id)
    byRep.set(String(c.ownerRepId), list)
  }
  // Only what the parent needs survives this function, so the server's RSS is not the generator's.
  return {
    seedMs: performance.now() - t0,
    password,
    reps: org.users
      .filter((u) => u.role === 'rep')
      .map((u) => ({
        id: u.id,
        email: u.email,
        teamId: String(u.teamId),
        customerIds: byRep.get(u.id) ?? [],
      })),
    supervisors: org.users
      .filter((u) => u.role === 'supervisor')
      .map((u) => ({ id: u.id, email: u.email, teamId: String(u.teamId) })),
  }
}
const seeded = await seed()
// Started with --expose-gc by the bench: drop the generator's garbage before RSS is measured.
;(globalThis as { gc?: () => void }).gc?.()

const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), staticDir: undefined }
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

/**
 * Seeds the bench organisation for `pnpm bench:sync`. On Postgres it runs in a process of its own
 * (forked by `bench-server.ts`, which waits for it), so the generator's modules, data and garbage are
 * never in the server process whose RSS the bench reports; an in-memory PGlite lives inside the
 * server process, so there it is seeded in place.
 */
import { hashPassword } from '../src/auth/passwords.ts'
import { type Database, openDatabase } from '../src/db/database.ts'
import { generateDemoOrg } from '../src/seed/index.ts'
import { bulkInsert, tables } from '../src/sync/tables.ts'

type Doc = Record<string, unknown>
export type Seeded = {
  seedMs: number
  password: string
  reps: { id: string; email: string; teamId: string; customerIds: string[] }[]
  supervisors: { id: string; email: string; teamId: string }[]
}

/** Seeds the demo organisation (8 reps in 2 teams) with `customersPerRep` customers each and their history. */
export async function seedBenchOrg(db: Database, customersPerRep: number, months: number): Promise<Seeded> {
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

// Run as the seeding child: seed the (already migrated) database, hand the result back, exit.
if (process.env.BENCH_SEED_CHILD === '1') {
  const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: 'memory://' })
  try {
    const seeded = await seedBenchOrg(
      db,
      Number(process.env.BENCH_CUSTOMERS_PER_REP ?? 2000),
      Number(process.env.BENCH_MONTHS ?? 3),
    )
    await new Promise<void>((resolve, reject) =>
      process.send?.({ type: 'seeded', seeded }, (err: Error | null) => (err ? reject(err) : resolve())),
    )
  } finally {
    await db.close()
  }
  process.exit(0)
}

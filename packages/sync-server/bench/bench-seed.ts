/**
 * Seeds the bench organisation for `pnpm bench:sync`. It runs in a process of its own (forked by
 * `bench-server.ts`, which waits for it), so the generator's modules, data and garbage are never in
 * the server process whose RSS the bench reports.
 */
import { hashPassword } from '../src/auth/passwords.ts'
import { type Database, openDatabase } from '../src/db/database.ts'
import { insertOrg } from '../src/db/seed-database.ts'
import { generateDemoOrg } from '../src/seed/index.ts'

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
  await db.tx((client) => insertOrg(client, org, () => hash))
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
  const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, dataDir: '' })
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

import { defaultOrganisation, type ServicePolicy } from '@outrider/domain'
import type { PoolClient } from 'pg'
import { hashPassword } from '../auth/passwords.ts'
import { storeOrganisation } from '../people/organisation-repo.ts'
import { insertUser } from '../people/users-repo.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'
import { generateDemoOrg } from '../seed/index.ts'
import type { Database } from './database.ts'

type Doc = Record<string, unknown>

/** The demo organisation's name in its settings. */
export const DEMO_ORGANISATION_NAME = '示范贸易公司'
export type DemoLogin = { email: string; password: string; role: string; displayName: string }

/**
 * Fills an empty database with the demo organisation, in one transaction, and returns its logins;
 * returns null (and changes nothing) when any user exists, so restarts keep all data.
 */
export async function seedIfEmpty(
  db: Database,
  opts: { asOf?: Date; customers?: number } = {},
): Promise<DemoLogin[] | null> {
  const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM users')
  if (rows[0].n > 0) return null
  const org = generateDemoOrg(1, {
    ...(opts.asOf ? { asOf: opts.asOf } : { asOf: new Date() }),
    ...(opts.customers ? { customers: opts.customers } : {}),
  })
  // Demo users share a password; hash it once per distinct password (scrypt is deliberately slow).
  const hashes = new Map<string, string>()
  for (const l of org.logins)
    if (!hashes.has(l.password)) hashes.set(l.password, await hashPassword(l.password))
  const loginByEmail = new Map(org.logins.map((l) => [l.email, l]))
  await db.tx((client) =>
    insertOrg(client, org, (email) => hashes.get(loginByEmail.get(email)?.password ?? '') ?? '!'),
  )
  return org.logins
}

/**
 * Inserts a generated organisation (teams, users with the given password hashes, reference data,
 * customers and their history, each row with its owner and team scope) on one client, inside the
 * caller's transaction.
 */
export async function insertOrg(
  client: PoolClient,
  org: ReturnType<typeof generateDemoOrg>,
  passwordHashOf: (email: string) => string,
): Promise<void> {
  const customers = new Map((org.customers as Doc[]).map((c) => [String(c.id), c]))
  const scopeOf = (d: Doc) => {
    const c = customers.get(String(d.customerId))
    return { owner_rep_id: c?.ownerRepId ?? null, team_id: c?.teamId ?? null }
  }
  const userTeam = new Map((org.users as Doc[]).map((u) => [String(u.id), u.teamId ?? null]))
  await documentsRepo.insertMany(client, 'teams', org.teams as Doc[])
  for (const u of org.users as Doc[])
    await insertUser(client, {
      id: String(u.id),
      email: String(u.email).toLowerCase(),
      passwordHash: passwordHashOf(String(u.email)),
      role: String(u.role),
      teamId: typeof u.teamId === 'string' ? u.teamId : null,
      disabled: u.disabled === true,
      doc: u,
    })
  await documentsRepo.insertMany(client, 'products', org.products as Doc[])
  await documentsRepo.insertMany(client, 'policies', org.policies as Doc[])
  // The organisation's settings, as its setup would have stated them: its time zone is the one its
  // policy carries, so the admin's organisation screen shows (and can change) the zone in force.
  const policy = (org.policies as ServicePolicy[])[0]
  await storeOrganisation(client, {
    ...defaultOrganisation,
    name: DEMO_ORGANISATION_NAME,
    ...(policy?.timeZone ? { timeZone: policy.timeZone } : {}),
  })
  await documentsRepo.insertMany(client, 'tagRules', org.tagRules as Doc[])
  await documentsRepo.insertMany(client, 'customers', org.customers as Doc[])
  await documentsRepo.insertMany(client, 'contacts', org.contacts as Doc[], scopeOf)
  await documentsRepo.insertMany(client, 'orders', org.orders as Doc[], scopeOf)
  await documentsRepo.insertMany(client, 'visits', org.visits as Doc[], scopeOf)
  await documentsRepo.insertMany(client, 'feedback', org.feedback as Doc[], scopeOf)
  await documentsRepo.insertMany(client, 'complaints', org.complaints as Doc[], scopeOf)
  await documentsRepo.insertMany(client, 'tasks', org.tasks as Doc[], (d) => ({
    team_id: userTeam.get(String(d.assigneeId)) ?? null,
  }))
}

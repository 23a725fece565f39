import { randomUUID } from 'node:crypto'
import {
  type Organisation,
  organisationSchema,
  type ServicePolicy,
  type SetupBody,
  tagRuleSchema,
} from '@outrider/domain'
import type { PoolClient } from 'pg'
import { hashPassword } from '../auth/passwords.ts'
import type { Database } from '../db/database.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { documentsRepo } from '../repositories/documents-repo.ts'
import { defaultTagRules, demoServicePolicy } from '../seed/policies.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'
import { type Actor, writeAudit } from './audit-log.ts'
import { consumeToken, issueToken } from './one-time-tokens.ts'
import { storeOrganisation } from './organisation-repo.ts'
import { PeopleError } from './people-error.ts'
import { insertUser } from './users-repo.ts'

/** A setup link lives a week: long enough to forward, short enough not to linger. */
const SETUP_TTL_MS = 7 * 86_400_000

/** True while nobody can sign in: no user exists yet. */
export async function needsSetup(db: Pick<Database, 'pool'>): Promise<boolean> {
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
  return rows[0]!.n === 0
}

/** A fresh one-time setup link (older ones stop working), or null when the organisation exists. */
/**
 * The origin a setup link (and any link printed for people) starts with: the public origin when one is
 * configured, else this server's listener; a wildcard host is not an address a browser opens
 * everywhere, so it becomes localhost.
 */
export function linkOrigin(config: {
  host: string
  port: number
  publicOrigin?: string | undefined
}): string {
  if (config.publicOrigin) return config.publicOrigin
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? '127.0.0.1' : config.host
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`
}

export async function setupLink(db: Database, baseUrl: string, nowMs = Date.now()): Promise<string | null> {
  if (!(await needsSetup(db))) return null
  const token = await issueToken(db.pool, 'setup', null, SETUP_TTL_MS, nowMs)
  return `${baseUrl.replace(/\/$/, '')}/setup#token=${token}`
}

/** The organisation's settings, or null before setup (or on a demo database). */
export async function loadOrganisation(db: Pick<Database, 'pool'>): Promise<Organisation | null> {
  const { rows } = await db.pool.query<{ value: unknown }>(
    "SELECT value FROM settings WHERE key = 'organisation'",
  )
  const parsed = organisationSchema.safeParse(rows[0]?.value)
  return parsed.success ? parsed.data : null
}

/** Wakes every device: the service policies apply to everyone. */
const policiesNotice: ChangeNotice = { collections: ['policies'], owners: [], teams: [], broadcast: true }

/**
 * The organisation's time zone is stated once, in its settings. The service policies carry it to
 * every device and to the server's classification (`policy.timeZone`), so they are given the
 * organisation's zone in the same transaction as the settings. True when a policy changed: the caller
 * then recomputes the population thresholds (recency, and so every score, depends on today's date).
 */
export async function policiesFollowZone(
  client: PoolClient,
  timeZone: string,
  nowMs: number,
): Promise<boolean> {
  const now = new Date(nowMs).toISOString()
  let changed = false
  for (const { id } of await documentsRepo.list<{ id: string }>(client, 'policies')) {
    const policy = await documentsRepo.find<ServicePolicy>(client, 'policies', id, { forUpdate: true })
    if (!policy || policy.timeZone === timeZone) continue
    await documentsRepo.upsert(client, 'policies', {
      ...policy,
      timeZone,
      updatedAt: now,
      serverUpdatedAt: now,
    })
    changed = true
  }
  if (changed) await changeNoticesRepo.publish(client, policiesNotice)
  return changed
}

/**
 * An admin's change of the organisation's settings, stored with its audit entry (before and after)
 * and with the policies' time zone. True in `zoneChanged` when the policies' zone changed.
 */
export async function updateOrganisation(
  db: Database,
  actor: Actor,
  org: Organisation,
  nowMs = Date.now(),
): Promise<{ org: Organisation; zoneChanged: boolean }> {
  const before = await loadOrganisation(db)
  const zoneChanged = await db.tx(async (client) => {
    await storeOrganisation(client, org)
    await writeAudit(client, actor, {
      action: 'organisation.update',
      targetType: 'organisation',
      targetId: null,
      teamId: null,
      ...(before ? { before } : {}),
      after: org,
    })
    return policiesFollowZone(client, org.timeZone, nowMs)
  })
  return { org, zoneChanged }
}

/**
 * Creates the organisation and its first admin with a setup link, in one transaction: the link is
 * used up only if everything is stored, and refused once any user exists.
 */
export async function completeSetup(db: Database, body: SetupBody, nowMs = Date.now()) {
  const hash = await hashPassword(body.admin.password)
  const now = new Date(nowMs).toISOString()
  const email = body.admin.email.toLowerCase()
  return db.tx(async (client) => {
    // Two setup requests at once: the second waits here and then finds the first's admin.
    await client.query('LOCK TABLE users IN EXCLUSIVE MODE')
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users')
    if (rows[0]!.n > 0) throw new PeopleError(409, 'E_CONFLICT', 'the organisation is already set up')
    if (!(await consumeToken(client, 'setup', body.token, nowMs)))
      throw new PeopleError(403, 'E_FORBIDDEN', 'this setup link is unknown, used or expired')
    await storeOrganisation(client, body.organisation)
    const id = `usr-${randomUUID()}`
    const doc = {
      id,
      createdAt: now,
      updatedAt: now,
      email,
      displayName: body.admin.displayName,
      role: 'admin',
      teamId: null,
      disabled: false,
      workStart: body.organisation.workStart,
      workEnd: body.organisation.workEnd,
    }
    await insertUser(client, {
      id,
      email,
      passwordHash: hash,
      role: 'admin',
      teamId: null,
      disabled: false,
      doc,
    })
    // Classification needs a policy and starts with the usual tag rules; an admin can change both.
    const policies = await client.query('SELECT 1 FROM policies LIMIT 1')
    if (policies.rows.length === 0) {
      await documentsRepo.insertMany(client, 'policies', [
        { ...demoServicePolicy(now), name: body.organisation.name, timeZone: body.organisation.timeZone },
      ])
      await documentsRepo.insertMany(
        client,
        'tagRules',
        defaultTagRules(now).map((r) => tagRuleSchema.parse(r)),
      )
    }
    // Policies stored before setup (none, unless the database was prepared) take the zone too.
    await policiesFollowZone(client, body.organisation.timeZone, nowMs)
    await writeAudit(
      client,
      { userId: id, role: 'admin' },
      {
        action: 'organisation.setup',
        targetType: 'organisation',
        targetId: null,
        teamId: null,
        after: { organisation: body.organisation, admin: { id, email, displayName: doc.displayName } },
      },
    )
    return { adminId: id, email }
  })
}

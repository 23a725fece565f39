import { randomBytes, randomUUID } from 'node:crypto'
import type { Credential, Issued, UserView } from '@outrider/domain'
import type pg from 'pg'
import { hashPassword } from '../auth/passwords.ts'
import { type Actor, writeAudit } from './audit-log.ts'
import { issueToken } from './one-time-tokens.ts'
import { PeopleError } from './people-error.ts'
import type { Role } from './people-rules.ts'
import { teamExists } from './teams-repo.ts'

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient

export type NewUser = {
  email: string
  displayName: string
  role: Role
  teamId: string | null
  phone?: string | undefined
}

export type { Credential, Issued, UserView }

const INVITE_TTL_MS = 14 * 86_400_000
/** Never verifies: a user invited by link has no password until they choose one. */
export const NO_PASSWORD = '!invite'

type Row = {
  id: string
  email: string
  role: Role
  team_id: string | null
  disabled: boolean
  must_change_password: boolean
  doc: Record<string, unknown>
}
const view = (r: Row): UserView => ({
  id: r.id,
  email: r.email,
  displayName: String(r.doc.displayName ?? r.email),
  role: r.role,
  teamId: r.team_id,
  ...(typeof r.doc.phone === 'string' ? { phone: r.doc.phone } : {}),
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
})
const COLUMNS = 'id, email, role, team_id, disabled, must_change_password, doc'

export async function listUsers(db: Queryable, teamId?: string): Promise<UserView[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM users ${teamId === undefined ? '' : 'WHERE team_id = $1'} ORDER BY role, email`,
    teamId === undefined ? [] : [teamId],
  )
  return rows.map(view)
}

/** A user's row as stored: the columns the server reads and the document devices get. */
export type UserRow = {
  id: string
  email: string
  passwordHash: string
  role: string
  teamId: string | null
  disabled: boolean
  doc: unknown
}

/** Stores a new user as it is (the caller has checked it); the setup, the console and the seed all write here. */
export async function insertUser(db: Queryable, u: UserRow): Promise<void> {
  await db.query(
    'INSERT INTO users (id, email, password_hash, role, team_id, disabled, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [u.id, u.email, u.passwordHash, u.role, u.teamId, u.disabled, u.doc],
  )
}

export async function findUser(db: Queryable, id: string, lock = false): Promise<UserView | null> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM users WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [id],
  )
  return rows[0] ? view(rows[0]) : null
}

async function assertTeam(db: Queryable, teamId: string | null): Promise<void> {
  if (teamId === null) return
  if (!(await teamExists(db, teamId)))
    throw new PeopleError(422, 'E_VALIDATION', `team ${teamId} does not exist`)
}

/** A readable temporary password: 12 characters without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789'
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('')
}

/** Sets a user's credential: a temporary password (must change) or an invitation link. */
export async function setCredential(
  client: Queryable,
  userId: string,
  credential: Credential,
  nowMs = Date.now(),
): Promise<Issued> {
  if (credential.kind === 'invite') {
    await client.query(
      'UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = $3 WHERE id = $1',
      [userId, NO_PASSWORD, new Date(nowMs)],
    )
    const token = await issueToken(client, 'invite', userId, INVITE_TTL_MS, nowMs)
    return { invitePath: `/invite#token=${token}` }
  }
  const password = credential.password ?? temporaryPassword()
  await client.query(
    'UPDATE users SET password_hash = $2, must_change_password = true, password_changed_at = $3 WHERE id = $1',
    [userId, await hashPassword(password), new Date(nowMs)],
  )
  return { temporaryPassword: password }
}

export async function createUser(
  client: pg.PoolClient,
  actor: Actor,
  input: NewUser,
  credential: Credential,
  nowMs = Date.now(),
): Promise<{ user: UserView } & Issued> {
  const email = input.email.trim().toLowerCase()
  await assertTeam(client, input.teamId)
  const taken = await client.query('SELECT 1 FROM users WHERE email = $1', [email])
  if (taken.rows.length > 0) throw new PeopleError(409, 'E_CONFLICT', `${email} already has an account`)
  const id = `usr-${randomUUID()}`
  const now = new Date(nowMs).toISOString()
  const doc = {
    id,
    createdAt: now,
    updatedAt: now,
    email,
    displayName: input.displayName,
    role: input.role,
    teamId: input.teamId,
    disabled: false,
    ...(input.phone ? { phone: input.phone } : {}),
  }
  await insertUser(client, {
    id,
    email,
    passwordHash: NO_PASSWORD,
    role: input.role,
    teamId: input.teamId,
    disabled: false,
    doc,
  })
  const issued = await setCredential(client, id, credential, nowMs)
  const user = (await findUser(client, id)) as UserView
  await writeAudit(client, actor, {
    action: 'user.create',
    targetType: 'user',
    targetId: id,
    teamId: input.teamId,
    after: { ...user, credential: credential.kind },
  })
  return { user, ...issued }
}

export type UserChange = {
  displayName?: string | undefined
  role?: Role | undefined
  teamId?: string | null | undefined
  phone?: string | undefined
  disabled?: boolean | undefined
}

/** Applies a change to a stored user (already authorized) and records it; returns before and after. */
export async function updateUser(
  client: pg.PoolClient,
  actor: Actor,
  before: UserView,
  change: UserChange,
  nowMs = Date.now(),
): Promise<UserView> {
  if (change.teamId !== undefined) await assertTeam(client, change.teamId)
  const patch: Record<string, unknown> = { updatedAt: new Date(nowMs).toISOString() }
  for (const k of ['displayName', 'role', 'teamId', 'phone', 'disabled'] as const)
    if (change[k] !== undefined) patch[k] = change[k]
  await client.query(
    `UPDATE users SET doc = doc || $2::jsonb, role = COALESCE($3, role),
            team_id = CASE WHEN $4::boolean THEN $5 ELSE team_id END, disabled = COALESCE($6, disabled)
      WHERE id = $1`,
    [
      before.id,
      JSON.stringify(patch),
      change.role ?? null,
      change.teamId !== undefined,
      change.teamId ?? null,
      change.disabled ?? null,
    ],
  )
  const after = (await findUser(client, before.id)) as UserView
  const action =
    change.disabled === true && !before.disabled
      ? 'user.disable'
      : change.disabled === false && before.disabled
        ? 'user.enable'
        : 'user.update'
  await writeAudit(client, actor, {
    action,
    targetType: 'user',
    targetId: before.id,
    teamId: after.teamId ?? before.teamId,
    before,
    after,
  })
  return after
}

/** Ends every session of a user; returns the ended session ids, so their sockets can be closed. */
export async function endSessionsOf(
  client: Queryable,
  userId: string,
  nowMs = Date.now(),
): Promise<string[]> {
  const { rows } = await client.query<{ family_id: string }>(
    `UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id`,
    [userId, new Date(nowMs)],
  )
  return [...new Set(rows.map((r) => r.family_id))]
}

import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { jwtVerify, SignJWT } from 'jose'
import type pg from 'pg'
import type { Database } from '../db/database.ts'

export type Principal = {
  userId: string
  role: 'rep' | 'supervisor' | 'admin'
  teamId: string | null
  sessionId: string
  /** Signed in with a temporary password: only changing it (and `me`, logout) is allowed. */
  mustChangePassword?: true
}

export class AuthError extends Error {
  constructor(
    readonly code: 'E_UNAUTHENTICATED' | 'E_TOKEN_EXPIRED' | 'E_SESSION_REVOKED',
    message: string,
  ) {
    super(message)
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url')

/** The signing key lives in the database so restarts and several server instances agree on it. */
export async function loadSigningKey(db: Database): Promise<Uint8Array> {
  const fresh = randomBytes(32).toString('base64url')
  await db.pool.query(
    `INSERT INTO settings (key, value) VALUES ('jwt_secret', to_jsonb($1::text)) ON CONFLICT (key) DO NOTHING`,
    [fresh],
  )
  const { rows } = await db.pool.query<{ value: string }>(
    `SELECT value FROM settings WHERE key = 'jwt_secret'`,
  )
  return new TextEncoder().encode(rows[0]!.value)
}

export type Sessions = ReturnType<typeof createSessions>

type SessionOptions = { accessTtlSec: number; refreshDays: number; now?: () => number }
type Keys = { key: Uint8Array; accessTtlSec: number; refreshDays: number; now: () => number }
type TokenUser = { id: string; role: string; team_id: string | null }

/**
 * Short-lived access tokens (JWT) plus rotating refresh tokens stored hashed. A session is a
 * refresh-token family: reusing an already-rotated token revokes the whole family (theft signal),
 * and every access check also confirms the family is live, so logout takes effect at once.
 */
export function createSessions(db: Database, key: Uint8Array, opts: SessionOptions) {
  const now = opts.now ?? Date.now
  const keys: Keys = { key, accessTtlSec: opts.accessTtlSec, refreshDays: opts.refreshDays, now }

  const api = {
    start: (user: TokenUser) => issue(keys, db.pool, user, randomUUID()),

    async refresh(refreshToken: string) {
      // Reuse detection must commit its revocation, so failures are returned from the transaction
      // (which then commits) and thrown only afterwards.
      const outcome = await db.tx((client) => rotate(keys, client, refreshToken))
      if (outcome instanceof AuthError) throw outcome
      return outcome
    },

    async end(sessionId: string) {
      await db.pool.query(
        'UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL',
        [sessionId, new Date(now())],
      )
    },

    async endAllFor(userId: string) {
      await db.pool.query(
        'UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
        [userId, new Date(now())],
      )
    },

    /** Verifies an access token and that its session is still live and the user still enabled. */
    async verify(accessToken: string): Promise<Principal> {
      return (await api.verifyWithExpiry(accessToken)).principal
    },

    /** Signature and expiry only, without the database: cheap enough for every message. */
    checkToken: (accessToken: string) => checkToken(keys, accessToken),

    /** `verify`, plus when the token expires (a live socket must not outlast it). */
    async verifyWithExpiry(accessToken: string): Promise<{ principal: Principal; expiresAtMs: number }> {
      const { sub, sid, expiresAtMs } = await checkToken(keys, accessToken)
      return { principal: await livePrincipal(db, sub, sid), expiresAtMs }
    },
  }
  return api
}

/** A new refresh token in `familyId` and an access token beside it. */
async function issue(keys: Keys, client: pg.PoolClient | pg.Pool, user: TokenUser, familyId: string) {
  const { now } = keys
  const refresh = randomBytes(32).toString('base64url')
  const expires = new Date(now() + keys.refreshDays * 86_400_000)
  await client.query(
    'INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [randomUUID(), user.id, familyId, sha256(refresh), expires, new Date(now())],
  )
  const iat = Math.floor(now() / 1000)
  const accessToken = await new SignJWT({ role: user.role, team: user.team_id, sid: familyId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuedAt(iat)
    .setExpirationTime(iat + keys.accessTtlSec)
    .sign(keys.key)
  return {
    accessToken,
    refreshToken: refresh,
    expiresIn: keys.accessTtlSec,
    refreshExpiresAt: expires.toISOString(),
  }
}

/** Uses a refresh token once: new tokens, or why not (a reused token revokes its whole family). */
async function rotate(keys: Keys, client: pg.PoolClient, refreshToken: string) {
  const { now } = keys
  const { rows } = await client.query(
    `SELECT t.id, t.family_id, t.used_at, t.revoked_at, t.expires_at, t.created_at, u.id AS user_id, u.role, u.team_id,
            u.disabled, u.password_changed_at
       FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
    [sha256(refreshToken)],
  )
  const t = rows[0]
  if (!t) return new AuthError('E_UNAUTHENTICATED', 'unknown refresh token')
  if (t.revoked_at) return new AuthError('E_SESSION_REVOKED', 'session was ended')
  if (t.used_at) {
    await client.query(
      'UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL',
      [t.family_id, new Date(now())],
    )
    return new AuthError('E_SESSION_REVOKED', 'refresh token reused: session revoked')
  }
  if (new Date(t.expires_at).getTime() < now())
    return new AuthError('E_TOKEN_EXPIRED', 'refresh token expired')
  if (t.disabled) return new AuthError('E_SESSION_REVOKED', 'user disabled')
  if (new Date(t.password_changed_at).getTime() > new Date(t.created_at).getTime())
    return new AuthError('E_SESSION_REVOKED', 'password changed')
  await client.query('UPDATE refresh_tokens SET used_at = $2 WHERE id = $1', [t.id, new Date(now())])
  return issue(keys, client, { id: t.user_id, role: t.role, team_id: t.team_id }, t.family_id)
}

async function checkToken(
  keys: Keys,
  accessToken: string,
): Promise<{ sub: string; sid: string; expiresAtMs: number }> {
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload']
  try {
    ;({ payload } = await jwtVerify(accessToken, keys.key, {
      algorithms: ['HS256'],
      currentDate: new Date(keys.now()),
    }))
  } catch (err) {
    const expired = (err as { code?: string }).code === 'ERR_JWT_EXPIRED'
    throw new AuthError(
      expired ? 'E_TOKEN_EXPIRED' : 'E_UNAUTHENTICATED',
      expired ? 'access token expired' : 'invalid access token',
    )
  }
  return {
    sub: String(payload.sub),
    sid: typeof payload.sid === 'string' ? payload.sid : '',
    expiresAtMs: (payload.exp ?? 0) * 1000,
  }
}

/** The signed-in user of a session, when the session is live and the user enabled. */
async function livePrincipal(db: Database, sub: string, sid: string): Promise<Principal> {
  const { rows } = await db.pool.query(
    `SELECT u.role, u.team_id, u.disabled, u.must_change_password,
            EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.revoked_at IS NULL) AS live
       FROM users u WHERE u.id = $1`,
    [sub, sid],
  )
  const u = rows[0]
  if (!u || u.disabled || !u.live) throw new AuthError('E_SESSION_REVOKED', 'session is no longer valid')
  const principal: Principal = { userId: sub, role: u.role, teamId: u.team_id, sessionId: sid }
  if (u.must_change_password) principal.mustChangePassword = true
  return principal
}

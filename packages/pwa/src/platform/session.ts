import type { SignedInUser } from '@outrider/domain'
import { logFailure } from './log-failure.ts'

/** The signed-in user's public fields, as the domain's `signedInUserSchema` declares them. */
export type SessionUser = SignedInUser
export type Session = {
  user: SessionUser
  accessToken: string
  accessExpiresAt: number
  refreshToken: string
}

// Checked by hand rather than with zod: this runs before the first paint, and zod is a large part of
// the start-up JavaScript otherwise.
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null
const ROLES = new Set(['rep', 'supervisor', 'admin'])

/** A well-formed user (only the known fields kept), or null. */
function parseUser(v: unknown): SessionUser | null {
  if (!isRecord(v)) return null
  const { id, role, teamId, displayName, email } = v
  if (typeof id !== 'string' || typeof role !== 'string' || !ROLES.has(role)) return null
  if (teamId !== null && typeof teamId !== 'string') return null
  if (typeof displayName !== 'string' || typeof email !== 'string') return null
  return {
    id,
    role: role as SessionUser['role'],
    teamId,
    displayName,
    email,
    ...(v.mustChangePassword === true ? { mustChangePassword: true as const } : {}),
  }
}

/** A well-formed session (only the known fields kept), or null. */
function parseSession(v: unknown): Session | null {
  if (!isRecord(v)) return null
  const user = parseUser(v.user)
  const { accessToken, accessExpiresAt, refreshToken } = v
  if (!user || typeof accessToken !== 'string' || typeof refreshToken !== 'string') return null
  if (typeof accessExpiresAt !== 'number' || Number.isNaN(accessExpiresAt)) return null
  return { user, accessToken, accessExpiresAt, refreshToken }
}

const KEY = 'outrider.session'
const LAST_USER_KEY = 'outrider.lastUser'

export class LoginError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

/** The stored session: kept while offline for days; the local data stays usable without a network. */
export function loadSession(): Session | null {
  try {
    return parseSession(JSON.parse(localStorage.getItem(KEY) ?? 'null'))
  } catch {
    // A damaged stored session (not JSON) is no session: the user signs in again, their data stays.
    return null
  }
}

function save(s: Session | null) {
  if (s) {
    localStorage.setItem(KEY, JSON.stringify(s))
    localStorage.setItem(LAST_USER_KEY, JSON.stringify(s.user))
  } else localStorage.removeItem(KEY)
}

/** The last signed-in user, kept after the session is refused so their unsynced data can be found again. */
export function lastUser(): SessionUser | null {
  try {
    return parseUser(JSON.parse(localStorage.getItem(LAST_USER_KEY) ?? 'null'))
  } catch {
    // Damaged (not JSON): as if no one had signed in on this device before.
    return null
  }
}

async function postJson(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>
  if (!res.ok) {
    const e = (json.error ?? {}) as { code?: string; message?: string }
    throw new LoginError(e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText)
  }
  return json
}

/** Keeps the session a sign-in answer carries (login, invitation, password change). */
function signedInWith(json: Record<string, unknown>): Session {
  const s = parseSession({
    user: json.user,
    accessToken: json.accessToken,
    refreshToken: json.refreshToken,
    accessExpiresAt: Date.now() + Number(json.expiresIn) * 1000,
  })
  if (!s) throw new LoginError('E_BAD_RESPONSE', 'Unexpected sign-in response')
  save(s)
  return s
}

export async function login(email: string, password: string): Promise<Session> {
  return signedInWith(await postJson('/api/auth/login', { email, password }))
}

/** Accepts a one-time invitation: the invited user chooses a password and is signed in. */
export async function acceptInvite(token: string, password: string): Promise<Session> {
  return signedInWith(await postJson('/api/auth/invite', { token, password }))
}

/** Changes the signed-in user's password (a temporary one must be); every other session ends. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Session> {
  // A refresh that fails (the session was ended) asks for a new sign-in, as no session does.
  const token = await accessToken().catch(() => null)
  if (!token) throw new LoginError('E_UNAUTHENTICATED', 'sign in again')
  return signedInWith(await postJson('/api/auth/password', { currentPassword, newPassword }, token))
}

let refreshing: Promise<string | null> | null = null

/**
 * A valid access token, refreshed when close to expiry. Returns null when offline (the caller waits)
 * and throws `E_SESSION_REVOKED`-style errors when the server refuses the refresh token.
 */
export function accessToken(): Promise<string | null> {
  const s = loadSession()
  if (!s) return Promise.resolve(null)
  if (s.accessExpiresAt - Date.now() > 30_000) return Promise.resolve(s.accessToken)
  refreshing ??= (async () => {
    try {
      const json = await postJson('/api/auth/refresh', { refreshToken: s.refreshToken })
      const next = {
        ...s,
        accessToken: String(json.accessToken),
        refreshToken: String(json.refreshToken),
        accessExpiresAt: Date.now() + Number(json.expiresIn) * 1000,
      }
      save(next)
      return next.accessToken
    } catch (err) {
      if (err instanceof LoginError && err.code.startsWith('E_')) {
        save(null)
        throw err
      }
      return null
    } finally {
      refreshing = null
    }
  })()
  return refreshing
}

export async function logout(): Promise<void> {
  const s = loadSession()
  save(null)
  // A deliberate logout forgets the user too, so the next start shows the sign-in page.
  localStorage.removeItem(LAST_USER_KEY)
  // The day plan's device-side extras (features/today/plan-hold.ts), and whether a first sync was
  // completed (store/insights-engine.ts).
  for (const key of Object.keys(localStorage))
    if (key.startsWith('outrider.plan.') || key.startsWith('outrider.synced.')) localStorage.removeItem(key)
  if (s)
    await postJson('/api/auth/logout', {}, s.accessToken).catch(
      logFailure('logout could not reach the server; this device has forgotten the session, which expires'),
    )
}

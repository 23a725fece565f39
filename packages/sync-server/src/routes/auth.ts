import { httpApi, normalizeEmail } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { type Account, type AccountWithHash, accountsRepo } from '../auth/accounts-repo.ts'
import { createAttemptWindow } from '../auth/attempt-window.ts'
import { createHashGate, HashGateBusy } from '../auth/hash-gate.ts'
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts'
import { AuthError } from '../auth/sessions.ts'
import { sendError } from '../http-errors.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'

const loginBody = httpApi.login.body
const refreshBody = httpApi.refreshSession.body

/** Two scrypt calls at once (16 MiB each) and a short queue: enough for a team signing in at 9:00. */
const HASH_CONCURRENCY = 2
const HASH_WAITING = 16

const limited = (what: string) => (_req: unknown, ctx: { ttl: number }) => ({
  statusCode: 429,
  error: { code: 'E_RATE_LIMITED', message: `too many ${what}; retry in ${Math.ceil(ctx.ttl / 1000)} s` },
})

const throttled = {
  config: { rateLimit: { max: 10, timeWindow: '1 minute', errorResponseBuilder: limited('attempts') } },
}

/** Sign-in, one's own password, invitations, refresh, logout and who am I: one function a route. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  loginRoute(app)
  changePasswordRoute(app)
  acceptInviteRoute(app)
  refreshRoute(app)
  logoutRoute(app)
  meRoute(app)
}

/** A new session and the user's public fields, as sign-in answers. */
async function signedIn(app: FastifyInstance, user: Omit<Account, 'disabled'>) {
  const tokens = await app.sessions.start(user)
  return {
    ...tokens,
    user: {
      id: user.id,
      role: user.role,
      teamId: user.team_id,
      displayName: user.doc.displayName,
      email: user.email,
      ...(user.must_change_password ? { mustChangePassword: true } : {}),
    },
  }
}

function loginRoute(app: FastifyInstance): void {
  const hashGate = createHashGate(HASH_CONCURRENCY, HASH_WAITING)
  // The rate-limit plugin runs one limit per request, so the per-address one is counted here.
  const fromAddress = createAttemptWindow(app.deps.config.loginIpLimit, 60_000)
  app.post(
    httpApi.login.path,
    {
      // Per address (the client's, behind a trusted proxy), before the body is even read.
      onRequest: async (req, reply) => {
        const { over, retryInMs } = fromAddress(req.ip)
        if (!over) return
        reply.header('retry-after', String(Math.ceil(retryInMs / 1000)))
        return sendError(
          reply,
          429,
          'E_RATE_LIMITED',
          `too many login attempts from this address; retry in ${Math.ceil(retryInMs / 1000)} s`,
        )
      },
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          // After body parsing, so the key really is the account, spelled as the lookup spells it,
          // from whichever address: each spelling or address would otherwise buy 10 more guesses.
          hook: 'preHandler',
          keyGenerator: (req) => {
            const email = (req.body as { email?: unknown } | undefined)?.email
            return `account|${typeof email === 'string' ? normalizeEmail(email) : ''}`
          },
          errorResponseBuilder: limited('login attempts'),
        },
      },
    },
    async (req, reply) => {
      const body = loginBody.safeParse(req.body)
      if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'email and password are required')
      const { email, password } = body.data
      let found: { user: AccountWithHash | undefined; ok: boolean }
      try {
        // The lookup runs inside the gate too: a flood refused at the gate costs no database query.
        found = await hashGate(async () => {
          const user = await accountsRepo.byEmail(app.deps.db.pool, email)
          return { user, ok: await verifyPassword(password, user?.password_hash ?? DUMMY_HASH) }
        })
      } catch (err) {
        if (!(err instanceof HashGateBusy)) throw err
        reply.header('retry-after', '1')
        return sendError(reply, 503, 'E_RATE_LIMITED', 'the server is busy signing others in; retry shortly')
      }
      const { user, ok } = found
      if (!user || !ok || user.disabled)
        return sendError(reply, 401, 'E_UNAUTHENTICATED', 'wrong email or password')
      if (needsRehash(user.password_hash)) await upgradeHash(app, hashGate, user, password)
      return signedIn(app, user)
    },
  )
}

/** Re-makes a hash from older, more memory-hungry settings (same password: sessions stay valid). */
async function upgradeHash(
  app: FastifyInstance,
  hashGate: ReturnType<typeof createHashGate>,
  user: AccountWithHash,
  password: string,
): Promise<void> {
  try {
    const hash = await hashGate(() => hashPassword(password))
    await accountsRepo.upgradeHash(app.deps.db.pool, user.id, user.password_hash, hash)
  } catch (err) {
    // The sign-in stands: the old hash still verifies, and the next sign-in tries again.
    app.log.warn({ err, userId: user.id }, 'could not re-hash a password made with older settings')
  }
}

// Changing one's own password ends every other session (refresh tokens older than the change die).
function changePasswordRoute(app: FastifyInstance): void {
  app.post(
    httpApi.changePassword.path,
    { preHandler: app.authenticate, ...throttled },
    async (req, reply) => {
      const body = httpApi.changePassword.body.safeParse(req.body)
      if (!body.success)
        return sendError(
          reply,
          400,
          'E_VALIDATION',
          'the new password needs at least 8 characters',
          body.error.issues,
        )
      const { currentPassword, newPassword } = body.data
      const user = await accountsRepo.byId(app.deps.db.pool, req.principal!.userId)
      if (!user || !(await verifyPassword(currentPassword, user.password_hash)))
        return sendError(reply, 401, 'E_UNAUTHENTICATED', 'the current password is wrong')
      if (newPassword === currentPassword)
        return sendError(reply, 400, 'E_VALIDATION', 'choose a password other than the temporary one')
      await accountsRepo.setPassword(app.deps.db.pool, user.id, await hashPassword(newPassword))
      await app.sessions.endAllFor(user.id)
      return signedIn(app, { ...user, must_change_password: false })
    },
  )
}

// An invitation link: the invited user chooses a password and is signed in.
function acceptInviteRoute(app: FastifyInstance): void {
  app.post(httpApi.acceptInvite.path, throttled, async (req, reply) => {
    const body = httpApi.acceptInvite.body.safeParse(req.body)
    if (!body.success)
      return sendError(
        reply,
        400,
        'E_VALIDATION',
        'the password needs at least 8 characters',
        body.error.issues,
      )
    const hash = await hashPassword(body.data.password)
    const user = await accountsRepo.acceptInvite(app.deps.db, body.data.token, hash)
    if (!user) return sendError(reply, 403, 'E_FORBIDDEN', 'this invitation is unknown, used or expired')
    return signedIn(app, user)
  })
}

function refreshRoute(app: FastifyInstance): void {
  app.post(
    httpApi.refreshSession.path,
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const body = refreshBody.safeParse(req.body)
      if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'refreshToken is required')
      try {
        return await app.sessions.refresh(body.data.refreshToken)
      } catch (err) {
        if (err instanceof AuthError) return sendError(reply, 401, err.code, err.message)
        throw err
      }
    },
  )
}

function logoutRoute(app: FastifyInstance): void {
  app.post(httpApi.logout.path, { preHandler: app.authenticate }, async (req) => {
    const sessionId = req.principal!.sessionId
    await app.sessions.end(sessionId)
    // Sockets of this session, on any instance, close now rather than at their next check.
    const notice = { collections: [], owners: [], teams: [], broadcast: false, endedSessions: [sessionId] }
    await changeNoticesRepo.publish(app.deps.db.pool, notice)
    return { ok: true } as const
  })
}

function meRoute(app: FastifyInstance): void {
  app.get(httpApi.me.path, { preHandler: app.authenticate }, async (req) => {
    const u = (await accountsRepo.byId(app.deps.db.pool, req.principal!.userId))!
    return { id: u.id, email: u.email, role: u.role, teamId: u.team_id, displayName: u.doc.displayName }
  })
}

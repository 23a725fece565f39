import { httpApi, normalizeEmail } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { createAttemptWindow } from '../auth/attempt-window.ts'
import { createHashGate, HashGateBusy } from '../auth/hash-gate.ts'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'
import { AuthError } from '../auth/sessions.ts'
import { sendError } from '../http-errors.ts'
import { consumeToken } from '../people/one-time-tokens.ts'

const loginBody = httpApi.login.body
const refreshBody = httpApi.refreshSession.body

// Compared against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = 'scrypt$65536$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

/** Two scrypt calls at once (64 MiB each) and a short queue: enough for a team signing in at 9:00. */
const HASH_CONCURRENCY = 2
const HASH_WAITING = 16

const limited = (what: string) => (_req: unknown, ctx: { ttl: number }) => ({
  statusCode: 429,
  error: { code: 'E_RATE_LIMITED', message: `too many ${what}; retry in ${Math.ceil(ctx.ttl / 1000)} s` },
})

export async function authRoutes(app: FastifyInstance): Promise<void> {
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
      // The lookup runs inside the gate too: a flood refused at the gate costs no database query.
      type UserRow = {
        id: string
        email: string
        role: string
        team_id: string | null
        disabled: boolean
        password_hash: string
        must_change_password: boolean
        doc: { displayName: string }
      }
      let found: { user: UserRow | undefined; ok: boolean }
      try {
        found = await hashGate(async () => {
          const { rows } = await app.deps.db.pool.query<UserRow>(
            'SELECT id, email, role, team_id, disabled, password_hash, must_change_password, doc FROM users WHERE email = $1',
            [body.data.email],
          )
          const user = rows[0]
          return { user, ok: await verifyPassword(body.data.password, user?.password_hash ?? DUMMY_HASH) }
        })
      } catch (err) {
        if (!(err instanceof HashGateBusy)) throw err
        reply.header('retry-after', '1')
        return sendError(reply, 503, 'E_RATE_LIMITED', 'the server is busy signing others in; retry shortly')
      }
      const { user, ok } = found
      if (!user || !ok || user.disabled)
        return sendError(reply, 401, 'E_UNAUTHENTICATED', 'wrong email or password')
      return signedIn(user)
    },
  )

  /** A new session and the user's public fields, as sign-in answers. */
  async function signedIn(user: {
    id: string
    email: string
    role: string
    team_id: string | null
    must_change_password: boolean
    doc: { displayName?: string }
  }) {
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
  const userColumns = 'id, email, role, team_id, disabled, must_change_password, doc'
  const throttled = {
    config: { rateLimit: { max: 10, timeWindow: '1 minute', errorResponseBuilder: limited('attempts') } },
  }

  // Changing one's own password ends every other session (refresh tokens older than the change die).
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
      const { rows } = await app.deps.db.pool.query(
        `SELECT password_hash, ${userColumns} FROM users WHERE id = $1`,
        [req.principal!.userId],
      )
      const user = rows[0]
      if (!user || !(await verifyPassword(body.data.currentPassword, user.password_hash)))
        return sendError(reply, 401, 'E_UNAUTHENTICATED', 'the current password is wrong')
      if (body.data.newPassword === body.data.currentPassword)
        return sendError(reply, 400, 'E_VALIDATION', 'choose a password other than the temporary one')
      const hash = await hashPassword(body.data.newPassword)
      await app.deps.db.pool.query(
        'UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now() WHERE id = $1',
        [user.id, hash],
      )
      await app.sessions.endAllFor(user.id)
      return signedIn({ ...user, must_change_password: false })
    },
  )

  // An invitation link: the invited user chooses a password and is signed in.
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
    const user = await app.deps.db.tx(async (client) => {
      const used = await consumeToken(client, 'invite', body.data.token)
      if (!used?.userId) return null
      const { rows } = await client.query(
        `UPDATE users SET password_hash = $2, must_change_password = false, password_changed_at = now()
          WHERE id = $1 AND NOT disabled RETURNING ${userColumns}`,
        [used.userId, hash],
      )
      return rows[0] ?? null
    })
    if (!user) return sendError(reply, 403, 'E_FORBIDDEN', 'this invitation is unknown, used or expired')
    return signedIn(user)
  })

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

  app.post(httpApi.logout.path, { preHandler: app.authenticate }, async (req) => {
    const sessionId = req.principal!.sessionId
    await app.sessions.end(sessionId)
    // Sockets of this session, on any instance, close now rather than at their next check.
    const notice = { collections: [], owners: [], teams: [], broadcast: false, endedSessions: [sessionId] }
    const sql = app.changeBus.publishSql(notice)
    await app.deps.db.pool.query(sql.sql, sql.params)
    return { ok: true } as const
  })

  app.get(httpApi.me.path, { preHandler: app.authenticate }, async (req) => {
    const { rows } = await app.deps.db.pool.query(
      'SELECT id, email, role, team_id, doc FROM users WHERE id = $1',
      [req.principal!.userId],
    )
    const u = rows[0]
    return { id: u.id, email: u.email, role: u.role, teamId: u.team_id, displayName: u.doc.displayName }
  })
}

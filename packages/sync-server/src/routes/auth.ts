import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { verifyPassword } from '../auth/passwords.ts'
import { AuthError } from '../auth/sessions.ts'
import { sendError } from '../http-errors.ts'

const loginBody = z.object({
  email: z.string().trim().toLowerCase().max(200),
  password: z.string().min(1).max(200),
})
const refreshBody = z.object({ refreshToken: z.string().min(10).max(200) })

// Compared against when the email is unknown, so timing does not reveal which emails exist.
const DUMMY_HASH = 'scrypt$65536$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post(
    '/api/auth/login',
    {
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          // After body parsing, so the key really is per account (onRequest has no body yet).
          hook: 'preHandler',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
          errorResponseBuilder: (_req, ctx) => ({
            statusCode: 429,
            error: {
              code: 'E_RATE_LIMITED',
              message: `too many login attempts; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
            },
          }),
        },
      },
    },
    async (req, reply) => {
      const body = loginBody.safeParse(req.body)
      if (!body.success) return sendError(reply, 400, 'E_VALIDATION', 'email and password are required')
      const { rows } = await app.deps.db.pool.query(
        'SELECT id, email, role, team_id, disabled, password_hash, doc FROM users WHERE email = $1',
        [body.data.email],
      )
      const user = rows[0]
      const ok = await verifyPassword(body.data.password, user?.password_hash ?? DUMMY_HASH)
      if (!user || !ok || user.disabled)
        return sendError(reply, 401, 'E_UNAUTHENTICATED', 'wrong email or password')
      const tokens = await app.sessions.start(user)
      return {
        ...tokens,
        user: {
          id: user.id,
          role: user.role,
          teamId: user.team_id,
          displayName: user.doc.displayName,
          email: user.email,
        },
      }
    },
  )

  app.post(
    '/api/auth/refresh',
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

  app.post('/api/auth/logout', { preHandler: app.authenticate }, async (req) => {
    const sessionId = req.principal!.sessionId
    await app.sessions.end(sessionId)
    // Sockets of this session, on any instance, close now rather than at their next check.
    const notice = { collections: [], owners: [], teams: [], broadcast: false, endedSessions: [sessionId] }
    const sql = app.changeBus.publishSql(notice)
    await app.deps.db.pool.query(sql.sql, sql.params)
    return { ok: true }
  })

  app.get('/api/me', { preHandler: app.authenticate }, async (req) => {
    const { rows } = await app.deps.db.pool.query(
      'SELECT id, email, role, team_id, doc FROM users WHERE id = $1',
      [req.principal!.userId],
    )
    const u = rows[0]
    return { id: u.id, email: u.email, role: u.role, teamId: u.team_id, displayName: u.doc.displayName }
  })
}

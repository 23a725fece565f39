import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import {
  AuthError,
  createSessions,
  loadSigningKey,
  type Principal,
  type Sessions,
} from '../../auth/sessions.ts'
import { sendError } from '../../http-errors.ts'

declare module 'fastify' {
  interface FastifyInstance {
    sessions: Sessions
    /** preHandler: requires a valid bearer access token; sets `request.principal`. */
    authenticate: (req: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
  interface FastifyRequest {
    principal: Principal | null
  }
}

/** All a user signed in with a temporary password may do before choosing their own. */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/auth/password', '/api/me', '/api/auth/logout'])

export const authPlugin = fp(async (app: FastifyInstance, opts: { now?: () => number }) => {
  const key = await loadSigningKey(app.deps.db)
  app.decorate(
    'sessions',
    createSessions(app.deps.db, key, {
      accessTtlSec: app.deps.config.accessTokenTtlSec,
      refreshDays: app.deps.config.refreshTokenDays,
      ...(opts.now ? { now: opts.now } : {}),
    }),
  )
  app.decorateRequest('principal', null)
  app.decorate('authenticate', async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7) : ''
    if (!token) return void sendError(reply, 401, 'E_UNAUTHENTICATED', 'missing bearer token')
    try {
      req.principal = await app.sessions.verify(token)
    } catch (err) {
      if (err instanceof AuthError) return void sendError(reply, 401, err.code, err.message)
      throw err
    }
    if (req.principal.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(req.routeOptions.url ?? ''))
      return void sendError(reply, 403, 'E_FORBIDDEN', 'change your temporary password first')
  })
})

import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { WebSocket } from 'ws'
import { type LiveSocket, SyncConnection } from '../sync/socket-connection.ts'

function originAllowed(req: FastifyRequest, allowed: string[], publicOrigin: string | undefined): boolean {
  const origin = req.headers.origin
  // Non-browser clients send no Origin and cannot be driven by a hostile page, so they are let through.
  if (!origin) return true
  // `Host` is whatever the request claims; when the public origin is known, only it counts.
  if (publicOrigin) return origin === publicOrigin || allowed.includes(origin)
  const host = req.headers.host
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true
  return allowed.includes(origin)
}

/**
 * The sync websocket at /sync: each change notice wakes every signed-in socket of this instance, and
 * each socket is one `SyncConnection` (set-up, message intake, dispatch, clean-up).
 */
export async function syncSocketRoute(app: FastifyInstance): Promise<void> {
  const live = new Set<LiveSocket>()
  const unsubscribe = app.changeBus.subscribe((n) => {
    for (const s of live) s.wake(n)
  })
  app.addHook('onClose', async () => unsubscribe())

  app.route({
    method: 'GET',
    url: '/sync',
    // A plain GET of /sync is the app's Sync screen (a reload or a deep link): the static app answers.
    handler: (_req, reply) => reply.callNotFound(),
    wsHandler: (socket: WebSocket, req) => {
      const connection = new SyncConnection(app, socket, live)
      if (!originAllowed(req, app.deps.config.allowedOrigins, app.deps.config.publicOrigin))
        return connection.fail('E_ORIGIN', 'origin not allowed')
      connection.open()
    },
  })
}

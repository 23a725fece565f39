import {
  type Downstream,
  type ErrorCode,
  errorCloseCodes,
  PROTOCOL_VERSION,
  parseUpstream,
  type Upstream,
} from '@outrider/domain'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { WebSocket } from 'ws'
import { AuthError, type Principal } from '../auth/sessions.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'
import { handlePull, handlePush } from '../sync/handlers.ts'

const MAX_MESSAGE_BYTES = 2 * 1024 * 1024
const HELLO_TIMEOUT_MS = 10_000
/** Token bucket per socket: a device syncing normally never comes near it; a flood is cut off. */
const BUCKET_SIZE = 300
const REFILL_PER_SEC = 100

function originAllowed(req: FastifyRequest, allowed: string[]): boolean {
  const origin = req.headers.origin
  // Non-browser clients send no Origin and cannot be driven by a hostile page, so they are let through.
  if (!origin) return true
  const host = req.headers.host
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true
  return allowed.includes(origin)
}

export async function syncSocketRoute(app: FastifyInstance): Promise<void> {
  const sockets = new Set<{ who: Principal; wake: (n: ChangeNotice) => void }>()
  const unsubscribe = app.changeBus.subscribe((n) => {
    for (const s of sockets) s.wake(n)
  })
  app.addHook('onClose', async () => unsubscribe())

  app.get('/sync', { websocket: true }, (socket: WebSocket, req) => {
    const send = (msg: Downstream) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg))
    }
    const fail = (code: ErrorCode, message: string, id?: string) => {
      send({ type: 'error', code, message, ...(id ? { id } : {}) })
      const close = errorCloseCodes[code]
      if (close) socket.close(close, code)
    }
    if (!originAllowed(req, app.deps.config.allowedOrigins)) return fail('E_ORIGIN', 'origin not allowed')

    let who: Principal | null = null
    let tokens = BUCKET_SIZE
    let last = Date.now()
    let queue: Promise<void> = Promise.resolve()
    let entry: { who: Principal; wake: (n: ChangeNotice) => void } | null = null
    const helloTimer = setTimeout(() => fail('E_UNAUTHENTICATED', 'no hello within 10 s'), HELLO_TIMEOUT_MS)

    socket.on('close', () => {
      clearTimeout(helloTimer)
      if (entry) sockets.delete(entry)
    })
    socket.on('error', () => {})
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const t = Date.now()
      tokens = Math.min(BUCKET_SIZE, tokens + ((t - last) / 1000) * REFILL_PER_SEC)
      last = t
      if (--tokens < 0) {
        if (tokens < -BUCKET_SIZE) return fail('E_RATE_LIMITED', 'message flood: connection closed')
        return send({ type: 'error', code: 'E_RATE_LIMITED', message: 'slow down' })
      }
      if (isBinary)
        return send({
          type: 'error',
          code: 'E_BAD_MESSAGE',
          message: 'binary frames are not part of the protocol',
        })
      const parsed = parseUpstream(data.toString('utf8'), MAX_MESSAGE_BYTES)
      if (!parsed.ok) {
        if (parsed.error.code === 'E_TOO_LARGE') return fail('E_TOO_LARGE', parsed.error.message)
        return send({
          type: 'error',
          code: parsed.error.code,
          message: parsed.error.message,
          ...(parsed.error.details ? { details: parsed.error.details } : {}),
        })
      }
      // Messages of one socket are handled in order, so a device's pushes apply in the order it sent them.
      queue = queue
        .then(() => handle(parsed.msg))
        .catch((err) => {
          app.log.error(err)
          send({ type: 'error', code: 'E_INTERNAL', message: 'internal error' })
        })
    })

    async function handle(msg: Upstream) {
      if (msg.type === 'hello') {
        if (msg.protocol !== PROTOCOL_VERSION)
          return fail('E_PROTOCOL_VERSION', `server speaks protocol ${PROTOCOL_VERSION}`)
        try {
          who = await app.sessions.verify(msg.token)
        } catch (err) {
          if (err instanceof AuthError)
            return fail(err.code === 'E_TOKEN_EXPIRED' ? 'E_TOKEN_EXPIRED' : 'E_UNAUTHENTICATED', err.message)
          throw err
        }
        clearTimeout(helloTimer)
        const me = who
        entry = { who: me, wake: (n) => wakeIfVisible(me, n, send) }
        sockets.add(entry)
        return send({
          type: 'welcome',
          protocol: PROTOCOL_VERSION,
          userId: me.userId,
          role: me.role,
          teamId: me.teamId,
          serverTime: new Date().toISOString(),
        })
      }
      if (!who) return fail('E_UNAUTHENTICATED', 'send hello first')
      if (msg.type === 'ping') return send({ type: 'pong', id: msg.id })
      if (msg.type === 'pull') return send(await handlePull(app, who, msg))
      if (msg.type === 'push') return send(await handlePush(app, who, msg))
    }
  })
}

function wakeIfVisible(who: Principal, n: ChangeNotice, send: (m: Downstream) => void) {
  const visible =
    n.broadcast ||
    who.role === 'admin' ||
    (who.role === 'supervisor' && who.teamId !== null && n.teams.includes(who.teamId)) ||
    n.owners.includes(who.userId)
  if (visible) send({ type: 'changed', collections: n.collections as never })
}

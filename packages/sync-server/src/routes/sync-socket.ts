import { setTimeout as sleep } from 'node:timers/promises'
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
import { UNSTORABLE_MESSAGE, unstorableTextAt } from '../security/storable-text.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'
import { handlePull, handlePush } from '../sync/handlers.ts'
import { createHintCoalescer } from '../sync/hints.ts'
import { wakeCollections } from '../sync/wake.ts'

const MAX_MESSAGE_BYTES = 2 * 1024 * 1024
const HELLO_TIMEOUT_MS = 10_000
/** Token bucket per socket: a device syncing normally never comes near it; a flood is cut off. */
const BUCKET_SIZE = 300
const REFILL_PER_SEC = 100
/**
 * Requests one socket may have waiting; beyond it a request is refused at once (E_RATE_LIMITED)
 * instead of queueing: each waiting request holds memory, and its reply would only arrive late.
 */
const MAX_PENDING = 32
/** Bytes a socket may have unsent before its next request is handled: the reader sets the pace. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024
/** How often a live socket re-checks its session (logout elsewhere, user disabled). */
const SESSION_CHECK_MS = 30_000
/**
 * A push re-checks the session in the database when the last check is older than this, so no write
 * is accepted on a session not confirmed within it even if the timer lags; every push checks expiry.
 */
const PUSH_RECHECK_MS = SESSION_CHECK_MS
/** `changed` hints to one socket are at least this far apart (see `createHintCoalescer`). */
const HINT_WINDOW_MS = 15

type Live = { who: Principal; wake: (n: ChangeNotice) => void }

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

export async function syncSocketRoute(app: FastifyInstance): Promise<void> {
  const sockets = new Set<Live>()
  const unsubscribe = app.changeBus.subscribe((n) => {
    for (const s of sockets) s.wake(n)
  })
  app.addHook('onClose', async () => unsubscribe())
  const now = app.deps.now ?? Date.now

  app.route({
    method: 'GET',
    url: '/sync',
    // A plain GET of /sync is the app's Sync screen (a reload or a deep link): the static app answers.
    handler: (_req, reply) => reply.callNotFound(),
    wsHandler: (socket: WebSocket, req) => {
      const send = (msg: Downstream) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg))
      }
      const sendRaw = (frame: string) => {
        if (socket.readyState === socket.OPEN) socket.send(frame)
      }
      let closing = false
      const fail = (code: ErrorCode, message: string, id?: string) => {
        if (closing) return
        send({ type: 'error', code, message, ...(id ? { id } : {}) })
        const close = errorCloseCodes[code]
        if (close) {
          closing = true
          socket.close(close, code)
        }
      }
      if (!originAllowed(req, app.deps.config.allowedOrigins, app.deps.config.publicOrigin))
        return fail('E_ORIGIN', 'origin not allowed')

      let who: Principal | null = null
      let token = ''
      let expiresAtMs = 0
      let checkedAt = 0
      let tokens = BUCKET_SIZE
      let last = Date.now()
      let queue: Promise<void> = Promise.resolve()
      let pending = 0
      let entry: Live | null = null
      const hints = createHintCoalescer(
        (collections) => send({ type: 'changed', collections }),
        HINT_WINDOW_MS,
      )
      let expiryTimer: NodeJS.Timeout | null = null
      let checkTimer: NodeJS.Timeout | null = null
      const helloTimer = setTimeout(() => fail('E_UNAUTHENTICATED', 'no hello within 10 s'), HELLO_TIMEOUT_MS)

      const stopTimers = () => {
        clearTimeout(helloTimer)
        hints.stop()
        if (expiryTimer) clearTimeout(expiryTimer)
        // Either the first (timeout) or the periodic (interval) check; clearTimeout clears both.
        if (checkTimer) clearTimeout(checkTimer)
      }
      // Ends a pull waiting for its user's budget when the socket goes: nobody is left to answer.
      const gone = new AbortController()
      socket.on('close', () => {
        closing = true
        gone.abort()
        stopTimers()
        if (entry) sockets.delete(entry)
      })
      socket.on('error', () => {})
      socket.on('message', (data: Buffer, isBinary: boolean) => {
        if (closing) return
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
          return send({ type: 'error', ...parsed.error })
        }
        // Messages of one socket are handled in order, so a device's pushes apply in the order it sent them.
        const msg = parsed.msg
        if (pending >= MAX_PENDING)
          return send({
            type: 'error',
            ...('id' in msg ? { id: msg.id } : {}),
            code: 'E_RATE_LIMITED',
            message: 'too many requests waiting on this connection',
          })
        const unstorable = unstorableTextAt(msg)
        if (unstorable !== null)
          return send({
            type: 'error',
            ...('id' in msg ? { id: msg.id } : {}),
            code: 'E_VALIDATION',
            message: UNSTORABLE_MESSAGE,
            details: [{ field: unstorable.slice(0, 500), reason: UNSTORABLE_MESSAGE }],
          })
        pending++
        queue = queue
          .then(async () => {
            // Back-pressure: a client that does not read its replies does not get more of them.
            while (!closing && socket.bufferedAmount > MAX_UNSENT_BYTES) await sleep(20)
            return closing ? undefined : handle(msg)
          })
          .finally(() => {
            pending--
          })
          .catch((err) => {
            if (closing && err instanceof Error && err.name === 'AbortError') return
            app.log.error(err)
            // Nothing was applied (the transaction rolled back); the device may retry the same request.
            const id = 'id' in msg ? { id: msg.id } : {}
            send({ type: 'error', code: 'E_INTERNAL', message: 'internal error', ...id })
          })
      })

      /**
       * Re-verifies the session: on a schedule, at the token's expiry and before pushes. A socket never
       * outlives its access token, a logout or a disabled account. Returns false when it closed the socket.
       */
      async function checkSession(fromDb: boolean): Promise<boolean> {
        if (!who || closing) return !closing
        try {
          if (!fromDb) {
            // The token's signature was checked at hello and cannot change; only time can expire it.
            if (now() < expiresAtMs) return true
            throw new AuthError('E_TOKEN_EXPIRED', 'access token expired')
          }
          const { principal } = await app.sessions.verifyWithExpiry(token)
          checkedAt = now()
          // Role or team may have changed since hello: wake and scope by the current one.
          who = principal
          if (entry) entry.who = principal
          return true
        } catch (err) {
          if (!(err instanceof AuthError)) throw err
          fail('E_TOKEN_EXPIRED', err.code === 'E_TOKEN_EXPIRED' ? 'access token expired' : 'session ended')
          return false
        }
      }
      const scheduledCheck = () => {
        queue = queue.then(() => checkSession(true).then(() => undefined)).catch((err) => app.log.error(err))
      }

      function wake(n: ChangeNotice) {
        const me = who
        if (!me) return
        if (n.endedSessions?.includes(me.sessionId)) return void fail('E_TOKEN_EXPIRED', 'session ended')
        hints.add(wakeCollections(me, n))
      }

      async function handle(msg: Upstream) {
        if (msg.type === 'hello') {
          if (who) return send({ type: 'error', code: 'E_BAD_MESSAGE', message: 'already signed in' })
          if (msg.protocol !== PROTOCOL_VERSION)
            return fail('E_PROTOCOL_VERSION', `server speaks protocol ${PROTOCOL_VERSION}`)
          let verified: { principal: Principal; expiresAtMs: number }
          try {
            verified = await app.sessions.verifyWithExpiry(msg.token)
          } catch (err) {
            if (err instanceof AuthError)
              return fail(
                err.code === 'E_TOKEN_EXPIRED' ? 'E_TOKEN_EXPIRED' : 'E_UNAUTHENTICATED',
                err.message,
              )
            throw err
          }
          if (closing) return
          if (verified.principal.mustChangePassword)
            return fail('E_UNAUTHENTICATED', 'change your temporary password first')
          clearTimeout(helloTimer)
          who = verified.principal
          token = msg.token
          expiresAtMs = verified.expiresAtMs
          checkedAt = now()
          const me = who
          entry = { who: me, wake }
          sockets.add(entry)
          // Timers never exceed ~24.8 days; a token living longer is still caught by the periodic check.
          const untilExpiry = Math.min(verified.expiresAtMs - now() + 50, 2 ** 31 - 1)
          expiryTimer = setTimeout(scheduledCheck, Math.max(0, untilExpiry))
          // The first check comes at a random point of the first period: devices reconnecting together
          // (a server restart, a network blip) would otherwise all query the database in the same
          // instant every period, stalling pushes and pulls behind a burst of session checks.
          checkTimer = setTimeout(() => {
            scheduledCheck()
            checkTimer = setInterval(scheduledCheck, SESSION_CHECK_MS)
          }, Math.random() * SESSION_CHECK_MS)
          return send({
            type: 'welcome',
            protocol: PROTOCOL_VERSION,
            userId: me.userId,
            role: me.role,
            teamId: me.teamId,
            serverTime: new Date(now()).toISOString(),
          })
        }
        if (!who) return fail('E_UNAUTHENTICATED', 'send hello first')
        if (msg.type === 'ping') return send({ type: 'pong', id: msg.id })
        if (!(await checkSession(msg.type === 'push' && now() - checkedAt >= PUSH_RECHECK_MS))) return
        // Pull results are assembled as JSON text from the database's own rendering of the documents.
        if (msg.type === 'pull') {
          hints.pulled(msg.collection)
          return sendRaw(await handlePull(app, who, msg, gone.signal))
        }
        if (msg.type === 'push') return send(await handlePush(app, who, msg))
      }
    },
  })
}

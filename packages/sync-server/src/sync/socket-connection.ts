import { setTimeout as sleep } from 'node:timers/promises'
import {
  type Downstream,
  type ErrorCode,
  errorCloseCodes,
  type Hello,
  PROTOCOL_VERSION,
  parseUpstream,
  type Upstream,
} from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import type { WebSocket } from 'ws'
import { AuthError, type Principal } from '../auth/sessions.ts'
import { UNSTORABLE_MESSAGE, unstorableTextAt } from '../security/storable-text.ts'
import type { ChangeNotice } from './change-bus.ts'
import { handlePull, handlePush, type PullReply } from './handlers.ts'
import { createHintCoalescer } from './hints.ts'
import { createTokenBucket } from './token-bucket.ts'
import { wakeCollections } from './wake.ts'

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

/** A signed-in socket as the route's registry knows it: whom it serves, and how to tell it of a change. */
export type LiveSocket = { who: Principal; wake: (n: ChangeNotice) => void }

type Verified = { principal: Principal; expiresAtMs: number }

/**
 * One device's sync socket, from hello to close, in four steps: `open` (set-up: the hello deadline
 * and the socket's events), `receive` (rate limit, parse and admit a frame into the socket's queue),
 * `dispatch` (hello signs in; ping, pull and push go to their handlers once the session is checked)
 * and `closed` (clean-up: timers, the pending pull, the registry entry).
 */
export class SyncConnection {
  private who: Principal | null = null
  private token = ''
  private expiresAtMs = 0
  private checkedAt = 0
  private closing = false
  /** Messages of one socket are handled in order, so a device's pushes apply in the order it sent them. */
  private queue: Promise<void> = Promise.resolve()
  private pending = 0
  private entry: LiveSocket | null = null
  private readonly bucket = createTokenBucket(BUCKET_SIZE, REFILL_PER_SEC)
  private readonly hints = createHintCoalescer(
    (collections) => this.send({ type: 'changed', collections }),
    HINT_WINDOW_MS,
  )
  private helloTimer: NodeJS.Timeout | undefined
  private expiryTimer: NodeJS.Timeout | undefined
  private checkTimer: NodeJS.Timeout | undefined
  /** Ends a pull waiting for its user's budget when the socket goes: nobody is left to answer. */
  private readonly gone = new AbortController()
  /** Releases of pull replies not yet handed to the network, called at the latest when the socket goes. */
  private readonly unsent = new Set<() => void>()
  private readonly now: () => number

  constructor(
    private readonly app: FastifyInstance,
    private readonly socket: WebSocket,
    private readonly live: Set<LiveSocket>,
  ) {
    this.now = app.deps.now ?? Date.now
  }

  /** Set-up: the device has `HELLO_TIMEOUT_MS` to sign in; from now on the socket's events are ours. */
  open(): void {
    this.helloTimer = setTimeout(
      () => this.fail('E_UNAUTHENTICATED', 'no hello within 10 s'),
      HELLO_TIMEOUT_MS,
    )
    this.socket.on('close', () => this.closed())
    // ws closes the socket after an error (a bad frame, a broken connection); the close cleans up.
    this.socket.on('error', (err) => this.app.log.debug({ err }, 'sync socket error'))
    this.socket.on('message', (data: Buffer, isBinary: boolean) => this.receive(data, isBinary))
  }

  /** Sends an error; one whose code ends the connection closes it with that code's close code. */
  fail(code: ErrorCode, message: string, id?: string): void {
    if (this.closing) return
    this.send({ type: 'error', code, message, ...(id ? { id } : {}) })
    const close = errorCloseCodes[code]
    if (close) {
      this.closing = true
      this.socket.close(close, code)
    }
  }

  private send(msg: Downstream): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(msg))
  }

  /** Sends a pull's reply; its bytes count against the user's budget until handed to the network. */
  private sendReply({ frame, release }: PullReply): void {
    if (this.socket.readyState !== this.socket.OPEN) {
      release()
      return
    }
    this.unsent.add(release)
    this.socket.send(frame, { binary: false }, () => {
      this.unsent.delete(release)
      release()
    })
  }

  /** One frame in: rate limit, parse, admit; an admitted request waits its turn in the queue. */
  private receive(data: Buffer, isBinary: boolean): void {
    if (this.closing || !this.withinRate()) return
    const msg = this.parse(data, isBinary)
    if (msg && this.admit(msg)) this.enqueue(msg)
  }

  private withinRate(): boolean {
    const verdict = this.bucket.take()
    if (verdict === 'flood') this.fail('E_RATE_LIMITED', 'message flood: connection closed')
    else if (verdict === 'over') this.send({ type: 'error', code: 'E_RATE_LIMITED', message: 'slow down' })
    return verdict === 'ok'
  }

  private parse(data: Buffer, isBinary: boolean): Upstream | null {
    if (isBinary) {
      this.send({
        type: 'error',
        code: 'E_BAD_MESSAGE',
        message: 'binary frames are not part of the protocol',
      })
      return null
    }
    const parsed = parseUpstream(data.toString('utf8'), MAX_MESSAGE_BYTES)
    if (parsed.ok) return parsed.msg
    if (parsed.error.code === 'E_TOO_LARGE') this.fail('E_TOO_LARGE', parsed.error.message)
    else this.send({ type: 'error', ...parsed.error })
    return null
  }

  /** Refuses, without queueing, a request beyond the socket's queue or holding text Postgres cannot store. */
  private admit(msg: Upstream): boolean {
    const id = 'id' in msg ? { id: msg.id } : {}
    if (this.pending >= MAX_PENDING) {
      this.send({
        type: 'error',
        ...id,
        code: 'E_RATE_LIMITED',
        message: 'too many requests waiting on this connection',
      })
      return false
    }
    const unstorable = unstorableTextAt(msg)
    if (unstorable !== null) {
      this.send({
        type: 'error',
        ...id,
        code: 'E_VALIDATION',
        message: UNSTORABLE_MESSAGE,
        details: [{ field: unstorable.slice(0, 500), reason: UNSTORABLE_MESSAGE }],
      })
      return false
    }
    return true
  }

  private enqueue(msg: Upstream): void {
    this.pending++
    this.queue = this.queue
      .then(async () => {
        // Back-pressure: a client that does not read its replies does not get more of them.
        while (!this.closing && this.socket.bufferedAmount > MAX_UNSENT_BYTES) await sleep(20)
        return this.closing ? undefined : this.dispatch(msg)
      })
      .finally(() => {
        this.pending--
      })
      .catch((err) => this.requestFailed(msg, err))
  }

  private requestFailed(msg: Upstream, err: unknown): void {
    if (this.closing && err instanceof Error && err.name === 'AbortError') return
    this.app.log.error(err)
    // Nothing was applied (the transaction rolled back); the device may retry the same request.
    const id = 'id' in msg ? { id: msg.id } : {}
    this.send({ type: 'error', code: 'E_INTERNAL', message: 'internal error', ...id })
  }

  /** Hands a request to its handler: hello signs in; the others need a signed-in, still valid session. */
  private async dispatch(msg: Upstream): Promise<void> {
    if (msg.type === 'hello') return this.hello(msg)
    if (!this.who) return this.fail('E_UNAUTHENTICATED', 'send hello first')
    if (msg.type === 'ping') return this.send({ type: 'pong', id: msg.id })
    const recheck = msg.type === 'push' && this.now() - this.checkedAt >= PUSH_RECHECK_MS
    if (!(await this.checkSession(recheck))) return
    // The check may have refreshed the principal (role, team): the request runs as the current one.
    const who = this.who
    if (!who) return
    // Pull results are assembled as JSON text from the database's own rendering of the documents.
    if (msg.type === 'pull') {
      this.hints.pulled(msg.collection)
      return this.sendReply(await handlePull(this.app, who, msg, this.gone.signal))
    }
    if (msg.type === 'push') return this.send(await handlePush(this.app, who, msg))
  }

  private async hello(msg: Hello): Promise<void> {
    if (this.who) return this.send({ type: 'error', code: 'E_BAD_MESSAGE', message: 'already signed in' })
    if (msg.protocol !== PROTOCOL_VERSION)
      return this.fail('E_PROTOCOL_VERSION', `server speaks protocol ${PROTOCOL_VERSION}`)
    const verified = await this.verifyHelloToken(msg.token)
    if (!verified || this.closing) return
    if (verified.principal.mustChangePassword)
      return this.fail('E_UNAUTHENTICATED', 'change your temporary password first')
    clearTimeout(this.helloTimer)
    const me = this.signIn(msg.token, verified)
    this.send({
      type: 'welcome',
      protocol: PROTOCOL_VERSION,
      userId: me.userId,
      role: me.role,
      teamId: me.teamId,
      serverTime: new Date(this.now()).toISOString(),
    })
  }

  /** The hello's token verified, or null once the socket has been told why not. */
  private async verifyHelloToken(token: string): Promise<Verified | null> {
    try {
      return await this.app.sessions.verifyWithExpiry(token)
    } catch (err) {
      if (!(err instanceof AuthError)) throw err
      this.fail(err.code === 'E_TOKEN_EXPIRED' ? 'E_TOKEN_EXPIRED' : 'E_UNAUTHENTICATED', err.message)
      return null
    }
  }

  /** Joins the registry, so changes wake this socket, and schedules the session's re-checks. */
  private signIn(token: string, verified: Verified): Principal {
    const me = verified.principal
    this.who = me
    this.token = token
    this.expiresAtMs = verified.expiresAtMs
    this.checkedAt = this.now()
    this.entry = { who: me, wake: (n) => this.wake(n) }
    this.live.add(this.entry)
    // Timers never exceed ~24.8 days; a token living longer is still caught by the periodic check.
    const untilExpiry = Math.min(verified.expiresAtMs - this.now() + 50, 2 ** 31 - 1)
    this.expiryTimer = setTimeout(() => this.scheduledCheck(), Math.max(0, untilExpiry))
    // The first check comes at a random point of the first period: devices reconnecting together
    // (a server restart, a network blip) would otherwise all query the database in the same
    // instant every period, stalling pushes and pulls behind a burst of session checks.
    this.checkTimer = setTimeout(() => {
      this.scheduledCheck()
      this.checkTimer = setInterval(() => this.scheduledCheck(), SESSION_CHECK_MS)
    }, Math.random() * SESSION_CHECK_MS)
    return me
  }

  private scheduledCheck(): void {
    this.queue = this.queue
      .then(() => this.checkSession(true).then(() => undefined))
      .catch((err) => this.app.log.error(err))
  }

  /**
   * Re-verifies the session: on a schedule, at the token's expiry and before pushes. A socket never
   * outlives its access token, a logout or a disabled account. Returns false when it closed the socket.
   */
  private async checkSession(fromDb: boolean): Promise<boolean> {
    if (!this.who || this.closing) return !this.closing
    try {
      if (!fromDb) {
        // The token's signature was checked at hello and cannot change; only time can expire it.
        if (this.now() < this.expiresAtMs) return true
        throw new AuthError('E_TOKEN_EXPIRED', 'access token expired')
      }
      const { principal } = await this.app.sessions.verifyWithExpiry(this.token)
      this.checkedAt = this.now()
      // Role or team may have changed since hello: wake and scope by the current one.
      this.who = principal
      if (this.entry) this.entry.who = principal
      return true
    } catch (err) {
      if (!(err instanceof AuthError)) throw err
      this.fail('E_TOKEN_EXPIRED', err.code === 'E_TOKEN_EXPIRED' ? 'access token expired' : 'session ended')
      return false
    }
  }

  private wake(n: ChangeNotice): void {
    const me = this.who
    if (!me) return
    if (n.endedSessions?.includes(me.sessionId)) this.fail('E_TOKEN_EXPIRED', 'session ended')
    else this.hints.add(wakeCollections(me, n))
  }

  /** Clean-up once the socket has closed, whoever closed it. */
  private closed(): void {
    this.closing = true
    this.gone.abort()
    clearTimeout(this.helloTimer)
    this.hints.stop()
    clearTimeout(this.expiryTimer)
    // Either the first (timeout) or the periodic (interval) check; clearTimeout clears both.
    clearTimeout(this.checkTimer)
    if (this.entry) this.live.delete(this.entry)
    for (const release of this.unsent) release()
    this.unsent.clear()
  }
}

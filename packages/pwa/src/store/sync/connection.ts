import { type Downstream, PROTOCOL_VERSION, parseDownstream, type Upstream } from '@outrider/domain'
import { BehaviorSubject, Subject } from 'rxjs'
import { logFailure } from '../../platform/log-failure.ts'

/** `standby`: another open tab of the app holds the socket and replicates for this one. */
/** A failed connect schedules its own retry (backoff) and shows offline: the reason goes to the log. */
const connectFailed = 'the sync socket did not open; it retries with backoff'

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'auth-required' | 'standby'

type Pending = {
  resolve: (m: Downstream) => void
  reject: (e: Error) => void
  timer: ReturnType<typeof setTimeout>
}

export class SyncRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: { docId?: string | undefined; field?: string | undefined; reason: string }[] = [],
  ) {
    super(message)
  }
}

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never
type RequestBody = Distribute<Exclude<Upstream, { type: 'hello' }>>

/**
 * One websocket per device. Authenticates with a hello message (never a token in the URL),
 * matches replies to requests by id, reconnects with backoff, and turns server "changed" hints
 * into a stream the replication listens to.
 */
export class SyncConnection {
  readonly state$ = new BehaviorSubject<ConnectionState>('offline')
  readonly changed$ = new Subject<string[]>()
  readonly welcome$ = new BehaviorSubject<{ userId: string; serverTime: string } | null>(null)
  private ws: WebSocket | null = null
  private pending = new Map<string, Pending>()
  private seq = 0
  private backoff = 500
  private closed = false
  private ready: Promise<void> | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private standingBy = false

  constructor(
    private readonly url: string,
    private readonly getToken: () => Promise<string | null>,
    private readonly deviceId: string,
  ) {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline)
      window.addEventListener('offline', this.onOffline)
    }
  }

  private onOnline = () => {
    if (this.standingBy) return
    this.backoff = 500
    void this.connect().catch(logFailure(connectFailed))
  }
  private onOffline = () => this.ws?.close()

  /** Resolves once authenticated; rejects if the socket cannot be opened or the session is refused. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('closed'))
    if (this.ready) return this.ready
    // The session was refused: no new attempt with the same credentials until the rep signs in again
    // (`resume`). Retrying would also flicker the state and remount the sign-in form under their typing.
    if (this.state$.value === 'auth-required')
      return Promise.reject(new SyncRequestError('E_UNAUTHENTICATED', 'sign-in needed'))
    this.state$.next('connecting')
    this.ready = new Promise<void>((resolve, reject) => {
      void this.getToken().then(
        (token) => {
          if (!token) {
            this.state$.next('auth-required')
            this.ready = null
            return reject(new SyncRequestError('E_UNAUTHENTICATED', 'not signed in'))
          }
          const ws = new WebSocket(this.url)
          this.ws = ws
          let welcomed = false
          ws.onopen = () =>
            ws.send(
              JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId: this.deviceId }),
            )
          ws.onmessage = (ev) => {
            const parsed = parseDownstream(String(ev.data))
            if (!parsed.ok) {
              // A frame this client cannot read means the two sides disagree on the wire format:
              // say so, and start over on a fresh connection rather than act on a guess.
              console.error('sync: unreadable frame from the server', parsed.error)
              ws.close()
              return
            }
            const msg = parsed.msg
            if (msg.type === 'welcome') {
              welcomed = true
              this.backoff = 500
              this.welcome$.next({ userId: msg.userId, serverTime: msg.serverTime })
              this.state$.next('online')
              resolve()
              return
            }
            if (msg.type === 'changed') return this.changed$.next(msg.collections)
            if (!welcomed && msg.type === 'error') {
              const err = new SyncRequestError(msg.code, msg.message)
              if (['E_TOKEN_EXPIRED', 'E_UNAUTHENTICATED', 'E_SESSION_REVOKED'].includes(msg.code))
                this.state$.next('auth-required')
              reject(err)
              return
            }
            const id = 'id' in msg ? msg.id : undefined
            const p = id ? this.pending.get(id) : undefined
            if (!p || !id) return
            this.pending.delete(id)
            clearTimeout(p.timer)
            if (msg.type === 'error') p.reject(new SyncRequestError(msg.code, msg.message, msg.details ?? []))
            else p.resolve(msg)
          }
          ws.onclose = () => {
            this.ws = null
            this.ready = null
            for (const [, p] of this.pending) {
              clearTimeout(p.timer)
              p.reject(new SyncRequestError('E_DISCONNECTED', 'connection lost'))
            }
            this.pending.clear()
            if (!welcomed) reject(new SyncRequestError('E_DISCONNECTED', 'could not connect'))
            if (this.state$.value !== 'auth-required') this.state$.next('offline')
            this.scheduleRetry()
          }
        },
        (err) => {
          this.ready = null
          this.state$.next(
            err instanceof SyncRequestError && err.code === 'E_SESSION_REVOKED' ? 'auth-required' : 'offline',
          )
          this.scheduleRetry()
          reject(err)
        },
      )
    })
    return this.ready
  }

  private scheduleRetry() {
    if (this.standingBy || this.closed || this.retryTimer || this.state$.value === 'auth-required') return
    if (typeof navigator !== 'undefined' && !navigator.onLine) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.connect().catch(logFailure(connectFailed))
    }, this.backoff)
    this.backoff = Math.min(this.backoff * 2, 30_000)
  }

  async request<T extends Downstream['type']>(
    body: RequestBody,
    timeoutMs = 30_000,
  ): Promise<Extract<Downstream, { type: T }>> {
    await this.connect()
    const ws = this.ws
    // A socket closing under us would drop the frame silently and leave the request to time out.
    if (!ws || ws.readyState !== ws.OPEN) throw new SyncRequestError('E_DISCONNECTED', 'not connected')
    const id = `r${++this.seq}`
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new SyncRequestError('E_TIMEOUT', 'request timed out'))
      }, timeoutMs)
      this.pending.set(id, { resolve: resolve as (m: Downstream) => void, reject, timer })
      ws.send(JSON.stringify({ ...body, id }))
    })
  }

  /** Another tab replicates: open no socket (until `takeOver`), and say so. */
  standBy() {
    if (this.ws || this.ready) return
    this.standingBy = true
    this.state$.next('standby')
  }

  /** This tab now replicates (the leader tab closed): connect on the next request. */
  takeOver() {
    if (!this.standingBy) return
    this.standingBy = false
    this.state$.next('offline')
  }

  /** After a new login: forget the refused state and connect again. */
  resume() {
    if (this.standingBy) return
    if (this.state$.value === 'auth-required') this.state$.next('offline')
    this.backoff = 500
    void this.connect().catch(logFailure(connectFailed))
  }

  close() {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline)
      window.removeEventListener('offline', this.onOffline)
    }
    this.ws?.close()
  }
}

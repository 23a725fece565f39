import { type Checkpoint, type Downstream, PROTOCOL_VERSION } from '@outrider/domain'
import WebSocket from 'ws'

type Doc = Record<string, unknown> & { id: string; _deleted?: boolean }

/** Signs in over HTTP and returns the tokens. */
export async function login(baseUrl: string, email: string, password: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  const json = (await res.json()) as { accessToken: string; refreshToken: string; user: { id: string } }
  if (!res.ok) throw new Error(`login failed: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** A protocol-speaking test device: request/response by id, plus the stream of server messages. */
export class TestDevice {
  readonly messages: Downstream[] = []
  private ws!: WebSocket
  private seq = 0
  private waiters: { match: (m: Downstream) => boolean; resolve: (m: Downstream) => void }[] = []
  readonly local = new Map<string, Map<string, Doc>>()
  readonly checkpoints = new Map<string, Checkpoint | null>()

  private constructor(readonly url: string) {}

  static async connect(url: string, token: string, opts: { origin?: string; deviceId?: string } = {}) {
    const d = new TestDevice(url)
    await d.open(opts.origin)
    d.send({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId: opts.deviceId ?? 'test-device' })
    const first = await d.next((m) => m.type === 'welcome' || m.type === 'error')
    if (first.type !== 'welcome') throw new Error(`hello refused: ${JSON.stringify(first)}`)
    return d
  }

  static async raw(url: string, origin?: string) {
    const d = new TestDevice(url)
    await d.open(origin)
    return d
  }

  private open(origin?: string) {
    this.ws = new WebSocket(this.url, origin ? { origin } : {})
    this.ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as Downstream
      this.messages.push(msg)
      const i = this.waiters.findIndex((w) => w.match(msg))
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(msg)
    })
    return new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('error', reject)
    })
  }

  send(msg: unknown) {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg))
  }

  /** The next message (already received or future) matching `match`. */
  next(match: (m: Downstream) => boolean, timeoutMs = 10_000): Promise<Downstream> {
    const seen = this.messages.findIndex(match)
    if (seen >= 0) return Promise.resolve(this.messages.splice(seen, 1)[0]!)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a message')), timeoutMs)
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer)
          this.messages.splice(this.messages.indexOf(m), 1)
          resolve(m)
        },
      })
    })
  }

  closed(): Promise<{ code: number; reason: string }> {
    if (this.ws.readyState === WebSocket.CLOSED)
      return Promise.resolve({ code: -1, reason: 'already closed' })
    return new Promise((resolve) =>
      this.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    )
  }

  async request(body: Record<string, unknown>): Promise<Downstream> {
    const id = `t${++this.seq}`
    this.send({ ...body, id })
    return this.next((m) => 'id' in m && m.id === id)
  }

  async pullPage(collection: string, checkpoint: Checkpoint | null, limit = 100) {
    const res = await this.request({ type: 'pull', collection, checkpoint, limit })
    if (res.type !== 'pullResult') throw new Error(`pull failed: ${JSON.stringify(res)}`)
    return res
  }

  /** Pulls until caught up, applying documents to this device's local copy (deletions remove). */
  async sync(collection: string, limit = 100): Promise<Map<string, Doc>> {
    const store = this.local.get(collection) ?? new Map<string, Doc>()
    this.local.set(collection, store)
    for (;;) {
      const res = await this.pullPage(collection, this.checkpoints.get(collection) ?? null, limit)
      for (const d of res.documents as Doc[]) {
        if (d._deleted) store.delete(d.id)
        else store.set(d.id, d)
      }
      this.checkpoints.set(collection, res.checkpoint)
      if (res.documents.length < limit) return store
    }
  }

  async push(
    collection: string,
    rows: { newDocumentState: Record<string, unknown>; assumedMasterState: Record<string, unknown> | null }[],
  ) {
    return this.request({ type: 'push', collection, rows })
  }

  close() {
    this.ws.close()
  }
}

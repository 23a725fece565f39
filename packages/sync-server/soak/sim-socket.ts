import { type Downstream, PROTOCOL_VERSION } from '@outrider/domain'
import WebSocket from 'ws'

/** The connection ended (or never answered) before the reply arrived: the request may or may not have applied. */
export class Disconnected extends Error {
  constructor(message: string) {
    super(message)
  }
}

type Pending = { resolve: (m: Downstream) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }

/**
 * A device's websocket, like the PWA's `SyncConnection` but with the faults the soak injects:
 * replies can be dropped (lost acknowledgement) and raw frames re-sent (duplicated, late deliveries).
 */
export class SimSocket {
  private ws: WebSocket | null = null
  private pending = new Map<string, Pending>()
  private seq = 0
  /** Set by the server's `changed` hints; the device pulls on its next sync. */
  woken = false

  constructor(
    private readonly timeoutMs: number,
    private readonly prefix: string,
  ) {}

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN
  }

  async connect(url: string, token: string, deviceId: string): Promise<void> {
    this.close()
    const ws = new WebSocket(url)
    this.ws = ws
    ws.on('error', () => {})
    ws.on('message', (data) => {
      let msg: Downstream
      try {
        msg = JSON.parse(String(data)) as Downstream
      } catch {
        return
      }
      if (msg.type === 'changed') {
        this.woken = true
        return
      }
      const id = 'id' in msg ? msg.id : undefined
      const p = id ? this.pending.get(id) : (this.pending.get('hello') ?? undefined)
      if (!p) return
      this.pending.delete(id ?? 'hello')
      clearTimeout(p.timer)
      p.resolve(msg)
    })
    ws.on('close', () => {
      if (this.ws === ws) this.ws = null
      this.failAll('connection closed')
    })
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Disconnected('connect timed out')), this.timeoutMs)
      ws.once('open', () => {
        clearTimeout(timer)
        resolve()
      })
      ws.once('error', (err) => {
        clearTimeout(timer)
        reject(new Disconnected(`connect failed: ${err.message}`))
      })
    })
    const welcome = await this.waitFor('hello', () =>
      ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId })),
    )
    if (welcome.type !== 'welcome') {
      this.close()
      throw new Disconnected(`hello refused: ${JSON.stringify(welcome)}`)
    }
  }

  /** Sends one request and waits for its reply (or throws `Disconnected`). */
  request(body: Record<string, unknown>): Promise<Downstream> {
    const id = `${this.prefix}${++this.seq}`
    return this.waitFor(id, () => this.sendRaw({ ...body, id }))
  }

  /** Sends a frame whose reply nobody waits for (a duplicate the network delivered late). */
  sendRaw(msg: Record<string, unknown>): void {
    if (!this.open) throw new Disconnected('not connected')
    this.ws!.send(JSON.stringify(msg))
  }

  close(): void {
    const ws = this.ws
    this.ws = null
    if (ws) ws.terminate()
    this.failAll('closed by device')
  }

  private waitFor(id: string, send: () => void): Promise<Downstream> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Disconnected(`no reply to ${id}`))
      }, this.timeoutMs)
      this.pending.set(id, { resolve, reject, timer })
      try {
        send()
      } catch (err) {
        clearTimeout(timer)
        this.pending.delete(id)
        reject(err)
      }
    })
  }

  private failAll(reason: string) {
    for (const [, p] of this.pending) {
      clearTimeout(p.timer)
      p.reject(new Disconnected(reason))
    }
    this.pending.clear()
  }
}

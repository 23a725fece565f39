import { type Checkpoint, type Downstream, PROTOCOL_VERSION } from '@outrider/domain'
import WebSocket from 'ws'

type Doc = Record<string, unknown> & { id: string }

/** A lean protocol client for the bench: requests matched by id, `changed` hints to a callback. */
export class BenchDevice {
  private seq = 0
  private readonly pending = new Map<string, (m: Downstream) => void>()
  onChanged: (collections: string[]) => void = () => {}

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as Downstream
      if (msg.type === 'changed') return this.onChanged(msg.collections)
      const id = 'id' in msg ? msg.id : undefined
      const resolve = id ? this.pending.get(id) : undefined
      if (id && resolve) {
        this.pending.delete(id)
        resolve(msg)
      }
    })
  }

  static async connect(url: string, token: string, deviceId: string): Promise<BenchDevice> {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    const welcome = new Promise<Downstream>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)) as Downstream)),
    )
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId }))
    const first = await welcome
    if (first.type !== 'welcome') throw new Error(`hello refused: ${JSON.stringify(first)}`)
    return new BenchDevice(ws)
  }

  request(body: Record<string, unknown>, timeoutMs = 30_000): Promise<Downstream> {
    return this.requestText(JSON.stringify(body), timeoutMs, String(body.type))
  }

  /** `request` with the message already serialised (an object without `id`; the id is added here). */
  requestText(json: string, timeoutMs = 30_000, what = 'request'): Promise<Downstream> {
    const id = `b${++this.seq}`
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        reject(new Error(`${what} timed out`))
      }, timeoutMs)
      this.pending.set(id, (m) => {
        clearTimeout(timer)
        resolve(m)
      })
      this.ws.send(`${json.slice(0, -1)},"id":"${id}"}`)
    })
  }

  /** Pulls one collection until caught up; returns the documents received. */
  async pullAll(collection: string, from: Checkpoint | null, limit = 1000) {
    const docs: Doc[] = []
    let checkpoint = from
    for (;;) {
      const res = await this.request({ type: 'pull', collection, checkpoint, limit })
      if (res.type !== 'pullResult') throw new Error(`pull failed: ${JSON.stringify(res)}`)
      docs.push(...(res.documents as Doc[]))
      checkpoint = res.checkpoint
      if (res.documents.length < limit) return { docs, checkpoint }
    }
  }

  close() {
    this.ws.close()
  }
}

import type { Rng } from '@outrider/domain'
import {
  type Checkpoint,
  createClock,
  type Downstream,
  type HlcClock,
  latestStamp,
  resolveConflict,
  sameContent,
} from '@outrider/domain'
import { kindOf, type Writable, writable } from './ledger.ts'
import { Disconnected, SimSocket } from './sim-socket.ts'

export type Doc = Record<string, unknown> & { id: string }
export type Rejection = { collection: Writable; docId: string; code: string; reason: string; doc: Doc }
export type Identity = { deviceId: string; userId: string; role: 'rep' | 'supervisor'; teamId: string }

/** Where the device connects: the slot's current server instance (it changes when one is killed). */
export type Endpoint = { url(): string; inFlight: number }

const PUSH_BATCH = 50
const PULL_LIMIT = 100

/** The server answered with an error the device cannot act on (E_INTERNAL, a dead database): retry later. */
class SyncAborted extends Error {}

/** Fisher–Yates with the device's seeded generator: the network reorders rows within a batch. */
export function shuffled<T>(prng: Rng, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = prng.int(0, i)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const strip = (d: Record<string, unknown>): Doc => {
  const { _deleted, _meta, _rev, _attachments, ...rest } = d
  return rest as Doc
}

/**
 * One simulated phone, shaped like the PWA's RxDB replication: a local store (the fork), the master
 * state it last saw per document (RxDB's assumedMasterState), an outbox that is simply every document
 * whose fork differs from its assumed master, an HLC clock, and the domain's `resolveConflict` for
 * conflicts the server returns. A refused change is kept in `rejections`, never retried or dropped.
 */
export class SimDevice {
  readonly fork = new Map<Writable, Map<string, Doc>>(writable.map((c) => [c, new Map()]))
  readonly master = new Map<Writable, Map<string, Doc>>(writable.map((c) => [c, new Map()]))
  readonly checkpoints = new Map<Writable, Checkpoint | null>()
  readonly rejections: Rejection[] = []
  readonly clock: HlcClock
  readonly socket: SimSocket
  /** Pushes sent earlier, kept so the network can deliver one again, late. */
  readonly sent: Record<string, unknown>[] = []
  online = true
  stats = { pushes: 0, pulls: 0, conflicts: 0, aborted: 0 }
  /** Why the last sync failed (connection or server), for the soak's log when healing does not converge. */
  lastFailure = ''

  constructor(
    readonly id: Identity,
    private readonly token: string,
    readonly endpoint: Endpoint,
    private readonly prng: Rng,
    now: () => number,
  ) {
    this.clock = createClock(id.deviceId, now)
    this.socket = new SimSocket(5_000, `${id.deviceId}-`)
  }

  docs(c: Writable) {
    return this.fork.get(c)!
  }

  /** Documents with local changes the server has not acknowledged. */
  dirty(c: Writable): Doc[] {
    const master = this.master.get(c)!
    return [...this.fork.get(c)!.values()].filter((d) => {
      const m = master.get(d.id)
      return !m || !sameContent(d, m)
    })
  }

  hasPending(c: Writable, id: string): boolean {
    const f = this.fork.get(c)!.get(id)
    const m = this.master.get(c)!.get(id)
    return f !== undefined && (m === undefined || !sameContent(f, m))
  }

  /** Stamps a local edit after everything the record has seen, like `editMergeable`. */
  tick(doc: Doc): string {
    this.clock.observe(latestStamp(doc))
    return this.clock.tick()
  }

  commit(c: Writable, doc: Doc) {
    this.fork.get(c)!.set(doc.id, doc)
  }

  async ensureConnected(): Promise<boolean> {
    if (!this.online) return false
    if (this.socket.open) return true
    try {
      await this.socket.connect(this.endpoint.url(), this.token, this.id.deviceId)
      return true
    } catch (err) {
      this.lastFailure = `connect: ${(err as Error).message}`
      return false
    }
  }

  disconnect() {
    this.socket.close()
  }

  /**
   * Push every outbox, then pull every collection. `ok` is false when the connection or the server
   * failed midway (the outbox keeps what was not acknowledged); `applied` counts pulled changes.
   */
  async sync(opts: { loseAck?: boolean; shuffle?: boolean } = {}): Promise<{ ok: boolean; applied: number }> {
    if (!(await this.ensureConnected())) return { ok: false, applied: 0 }
    let applied = 0
    try {
      // Customers first: a new customer's visits and contacts need it on the server to be authorized.
      for (const c of writable) await this.push(c, opts)
      for (const c of writable) applied += await this.pull(c)
      this.socket.woken = false
      return { ok: true, applied }
    } catch (err) {
      if (!(err instanceof Disconnected || err instanceof SyncAborted)) throw err
      this.stats.aborted++
      this.lastFailure = err.message
      return { ok: false, applied }
    }
  }

  /** The network delivers an earlier push a second time, late; nobody waits for its reply. */
  resendStale() {
    if (this.sent.length === 0 || !this.socket.open) return
    const msg = this.prng.pick(this.sent)
    try {
      this.socket.sendRaw({ ...msg, id: `${this.id.deviceId}-late-${this.prng.int(0, 1e9)}` })
    } catch {
      /* the socket closed meanwhile: nothing delivered */
    }
  }

  async push(c: Writable, opts: { loseAck?: boolean; shuffle?: boolean } = {}) {
    const deferred = new Set<string>()
    let pending = this.dirty(c)
    while (pending.length > 0) {
      const batch = (opts.shuffle ? shuffled(this.prng, pending) : pending).slice(0, PUSH_BATCH)
      const rows = batch.map((d) => ({
        newDocumentState: d,
        assumedMasterState: this.master.get(c)!.get(d.id) ?? null,
      }))
      const msg = { type: 'push', collection: c, rows }
      this.sent.push(msg)
      if (this.sent.length > 20) this.sent.shift()
      this.stats.pushes++
      this.endpoint.inFlight++
      let res: Downstream
      try {
        res = await this.socket.request(msg)
      } finally {
        this.endpoint.inFlight--
      }
      if (opts.loseAck) {
        // The server applied it, but the reply never reached the phone: it must push the same again.
        this.socket.close()
        throw new Disconnected('acknowledgement lost')
      }
      if (res.type === 'pushResult') {
        this.applyPushResult(c, rows, res.conflicts as Doc[])
      } else if (
        res.type === 'error' &&
        ['E_FORBIDDEN', 'E_VALIDATION', 'E_APPEND_ONLY'].includes(res.code)
      ) {
        const details = res.details ?? []
        const ids = new Set(details.map((d) => d.docId).filter(Boolean))
        const refused = ids.size > 0 ? batch.filter((d) => ids.has(d.id)) : batch
        for (const d of refused) {
          // Refused because its customer is still in this device's outbox (created while this sync ran):
          // not a refusal of the record itself, so it stays queued and goes after its customer.
          if (res.code === 'E_FORBIDDEN' && this.customerUnsent(d)) deferred.add(d.id)
          else this.reject(c, d, res.code, details.find((x) => x.docId === d.id)?.reason ?? res.message)
        }
      } else {
        throw new SyncAborted(`push ${c}: ${JSON.stringify(res).slice(0, 200)}`)
      }
      pending = this.dirty(c).filter((d) => !deferred.has(d.id))
    }
  }

  /** A record hanging off a customer this device created and has not had acknowledged yet. */
  private customerUnsent(d: Doc): boolean {
    const cid = d.customerId
    return (
      typeof cid === 'string' &&
      this.fork.get('customers')!.has(cid) &&
      !this.master.get('customers')!.has(cid)
    )
  }

  private applyPushResult(
    c: Writable,
    rows: { newDocumentState: Doc; assumedMasterState: Doc | null }[],
    conflicts: Doc[],
  ) {
    const byId = new Map(conflicts.map((d) => [d.id, strip(d)]))
    for (const { newDocumentState: sent, assumedMasterState } of rows) {
      const real = byId.get(sent.id)
      if (!real) {
        this.master.get(c)!.set(sent.id, sent)
        continue
      }
      // RxDB's conflict handler: the domain rule decides; the device stores the result and pushes it if it differs.
      this.stats.conflicts++
      const resolved = resolveConflict(kindOf(c), {
        collection: c,
        ancestor: assumedMasterState,
        local: sent,
        remote: real,
      }).merged as Doc
      this.master.get(c)!.set(sent.id, real)
      const now = this.fork.get(c)!.get(sent.id)
      if (now && sameContent(now, sent)) this.fork.get(c)!.set(sent.id, strip(resolved))
    }
  }

  /** A refused change stays on the device to fix or export; it leaves the synced store. */
  private reject(c: Writable, d: Doc, code: string, reason: string) {
    this.rejections.push({ collection: c, docId: d.id, code, reason, doc: d })
    this.fork.get(c)!.delete(d.id)
    this.master.get(c)!.delete(d.id)
  }

  async pull(c: Writable): Promise<number> {
    let applied = 0
    for (;;) {
      const res = await this.socket.request({
        type: 'pull',
        collection: c,
        checkpoint: this.checkpoints.get(c) ?? null,
        limit: PULL_LIMIT,
      })
      if (res.type !== 'pullResult') throw new SyncAborted(`pull ${c}: ${JSON.stringify(res).slice(0, 200)}`)
      this.stats.pulls++
      for (const raw of res.documents as Doc[]) if (this.applyPulled(c, raw)) applied++
      this.checkpoints.set(c, res.checkpoint)
      if (res.documents.length < PULL_LIMIT) return applied
    }
  }

  /** RxDB's downstream rule: a document with unpushed local changes is left alone; the push resolves it. */
  private applyPulled(c: Writable, raw: Doc): boolean {
    if (this.hasPending(c, raw.id)) return false
    const fork = this.fork.get(c)!
    if (raw._deleted === true) {
      const had = fork.delete(raw.id)
      this.master.get(c)!.delete(raw.id)
      return had
    }
    const doc = strip(raw)
    this.clock.observe(latestStamp(doc))
    const before = fork.get(doc.id)
    fork.set(doc.id, doc)
    this.master.get(c)!.set(doc.id, doc)
    return !before || !sameContent(before, doc)
  }
}

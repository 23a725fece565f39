import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { Database } from '../db/database.ts'
import { logFailure } from '../log-failure.ts'

/** What changed, so each instance can wake only the devices that may see it. */
export type ChangeNotice = {
  collections: string[]
  /** Owner reps whose slice changed; empty with `broadcast` for reference data. */
  owners: string[]
  teams: string[]
  broadcast: boolean
  /** Sessions just ended (logout): sockets authenticated by them close at once, on every instance. */
  endedSessions?: string[]
}

export type ChangeBus = {
  /**
   * After commit: announces a committed change to every instance (notices arriving while one
   * announcement is in flight go out together in the next; see `createAnnouncer`).
   * Resolves once the notice is sent (or given up on); callers need not wait for it.
   */
  announce(notice: ChangeNotice): Promise<void>
  subscribe(fn: (n: ChangeNotice) => void): () => void
  close(): Promise<void>
}

export const CHANNEL = 'outrider_changes'
/** `application_name` of the LISTEN connection, so operators (and tests) can find it. */
export const LISTENER_NAME = 'outrider-listener'

/** Sent to every socket after the listener reconnects: notices may have been missed meanwhile. */
/** The statement that announces a notice when its transaction commits (also usable without a bus). */
export function noticeSql(n: ChangeNotice): { sql: string; params: unknown[] } {
  return { sql: 'SELECT pg_notify($1, $2)', params: [CHANNEL, JSON.stringify(n)] }
}

export const resyncNotice: ChangeNotice = { collections: [], owners: [], teams: [], broadcast: true }

/**
 * Live fan-out. Every server instance LISTENs on one channel (the embedded database included), so a
 * change pushed through any instance wakes devices connected to all of them; NOTIFY is transactional,
 * so nobody is woken for a change that rolled back. The emitter hands notices to this instance's sockets.
 */
export async function createChangeBus(db: Database): Promise<ChangeBus> {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const emit = (n: ChangeNotice) => emitter.emit('change', n)
  let listener: pg.Client | null = null
  let closed = false
  let retryMs = 100

  // A dedicated connection (not from the pool): it lives as long as the app and must be replaced
  // when Postgres drops it (restart, failover, pg_terminate_backend).
  async function listen(): Promise<void> {
    if (closed) return
    const client = new pg.Client({ ...db.pool.options, application_name: LISTENER_NAME })
    let lost = false
    const onLost = () => {
      if (lost || closed) return
      lost = true
      if (listener === client) listener = null
      client.removeAllListeners('notification')
      void client
        .end()
        .catch(logFailure('the lost LISTEN connection did not close cleanly; a new one replaces it'))
      setTimeout(() => {
        // Whatever was announced while we were away is unknown: every device pulls once.
        void listen().then(() => {
          if (listener) emit(resyncNotice)
        })
      }, retryMs)
      retryMs = Math.min(retryMs * 2, 5_000)
    }
    client.on('error', onLost)
    client.on('end', onLost)
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return
      try {
        emit(JSON.parse(msg.payload) as ChangeNotice)
      } catch (err) {
        // Only our own writers notify on this channel: a payload that is not JSON is someone else's.
        logFailure('a notice on the change channel was not JSON and is ignored')(err)
      }
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
      if (closed) {
        await client.end().catch(logFailure('closing the LISTEN connection at shutdown failed'))
        return
      }
      listener = client
      retryMs = 100
    } catch (err) {
      logFailure('the LISTEN connection could not be opened; retrying')(err)
      onLost()
    }
  }
  await listen()
  const announcer = createAnnouncer((sql, params) => db.pool.query(sql, params).then(() => undefined))

  return {
    announce(n) {
      return announcer.add(n)
    },
    subscribe(fn) {
      emitter.on('change', fn)
      return () => emitter.off('change', fn)
    },
    async close() {
      closed = true
      await announcer.drain()
      const l = listener
      listener = null
      if (l) await l.end().catch(logFailure('closing the LISTEN connection at shutdown failed'))
      emitter.removeAllListeners()
    },
  }
}

/** Above this a merged payload is split: Postgres refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD_CHARS = 2_000

/**
 * Announces committed changes with `pg_notify`, one statement at a time. A NOTIFY inside the
 * writing transaction would be simpler, but Postgres serialises the commits of notifying
 * transactions (a database-wide lock held from pre-commit through the WAL flush), so every push
 * would wait for every other push's commit: no group commit, and throughput capped at one WAL
 * flush per push. Announced after commit instead, only committed changes are announced still.
 *
 * Notices that arrive while one statement is in flight are merged by collection list (owners and
 * teams united, which wakes exactly the sockets the separate notices would have woken, hints being
 * coalesced per socket anyway) and sent together when it returns, so a burst of pushes costs one
 * notifying commit per round trip rather than one each. A failed statement is retried; a notice is
 * given up on after `MAX_ATTEMPTS` (Postgres unreachable), as a notice missed by a listener would be.
 */
export function createAnnouncer(
  query: (sql: string, params: string[]) => Promise<void>,
  retryMs = 200,
): { add(n: ChangeNotice): Promise<void>; drain(): Promise<void> } {
  let pending = new Map<string, MergedNotice>()
  /** Notices that cannot be merged (broadcasts, ended sessions) go out as they are. */
  let verbatim: VerbatimNotice[] = []
  let running: Promise<void> | null = null
  const start = () => {
    if (running) return
    running = run().finally(() => {
      running = null
      // A notice added after the loop's last check, before this callback, would otherwise wait.
      if (pending.size > 0 || verbatim.length > 0) start()
    })
  }

  async function run(): Promise<void> {
    while (pending.size > 0 || verbatim.length > 0) {
      const batch = payloadsOf(verbatim, pending.values())
      pending = new Map()
      verbatim = []
      await sendWithRetry(query, batch, retryMs)
      for (const b of batch) for (const w of b.waiters) w()
    }
  }

  return {
    add(n) {
      const sent = new Promise<void>((resolve) => {
        if (n.broadcast || n.endedSessions?.length) verbatim.push({ n, done: resolve })
        else mergeInto(pending, n, resolve)
      })
      start()
      return sent
    },
    async drain() {
      while (running) await running
    },
  }
}

type MergedNotice = {
  collections: string[]
  owners: Set<string>
  teams: Set<string>
  waiters: (() => void)[]
}
type VerbatimNotice = { n: ChangeNotice; done: () => void }
type Payload = { json: string; waiters: (() => void)[] }

const MAX_ATTEMPTS = 5

/** Unites a notice with the pending one of the same collection list (its owners and teams added). */
function mergeInto(pending: Map<string, MergedNotice>, n: ChangeNotice, done: () => void): void {
  const key = n.collections.join('\u0000')
  let m = pending.get(key)
  if (!m) {
    m = { collections: [...n.collections], owners: new Set(), teams: new Set(), waiters: [] }
    pending.set(key, m)
  }
  for (const o of n.owners) m.owners.add(o)
  for (const t of n.teams) m.teams.add(t)
  m.waiters.push(done)
}

/** The JSON payloads to send, each with the callers to tell once it is out. */
function payloadsOf(verbatim: VerbatimNotice[], merged: Iterable<MergedNotice>): Payload[] {
  const out: Payload[] = []
  for (const { n, done } of verbatim) out.push({ json: JSON.stringify(n), waiters: [done] })
  for (const m of merged) out.push(...splitMerged(m))
  return out
}

/** A merged notice as payloads whose owner and team lists are cut so that none nears Postgres's limit. */
function splitMerged(m: MergedNotice): Payload[] {
  const out: Payload[] = []
  let owners: string[] = []
  let teams: string[] = []
  let size = 0
  const cut = (last: boolean) => {
    const notice: ChangeNotice = { collections: m.collections, owners, teams, broadcast: false }
    out.push({ json: JSON.stringify(notice), waiters: last ? m.waiters : [] })
    owners = []
    teams = []
    size = 0
  }
  for (const [list, values] of [
    ['o', m.owners],
    ['t', m.teams],
  ] as const) {
    for (const v of values) {
      if (size > 0 && size + v.length > MAX_PAYLOAD_CHARS) cut(false)
      ;(list === 'o' ? owners : teams).push(v)
      size += v.length + 3
    }
  }
  cut(true)
  return out
}

/** One statement notifies the whole batch; after `MAX_ATTEMPTS` failures it is given up on (and logged). */
async function sendWithRetry(
  query: (sql: string, params: string[]) => Promise<void>,
  batch: Payload[],
  retryMs: number,
): Promise<void> {
  const sql = `SELECT ${batch.map((_, i) => `pg_notify('${CHANNEL}', $${i + 1})`).join(', ')}`
  const params = batch.map((b) => b.json)
  for (let attempt = 1; ; attempt++) {
    try {
      await query(sql, params)
      return
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS) {
        // Devices still see the change at their next pull; only the live wake-up is lost.
        logFailure(`a change notice was given up on after ${MAX_ATTEMPTS} attempts`)(err)
        return
      }
      await new Promise((r) => setTimeout(r, retryMs * attempt))
    }
  }
}

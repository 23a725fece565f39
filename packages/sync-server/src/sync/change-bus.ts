import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { Database } from '../db/database.ts'

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
  /** Called inside the writing transaction for Postgres (delivered on commit), after commit for PGlite. */
  publishSql(notice: ChangeNotice): { sql: string; params: unknown[] } | null
  /** `publishSql` as one literal statement, to send with others in a single round trip. */
  notifyStatement(notice: ChangeNotice, literal: (value: unknown) => string): string | null
  publishLocal(notice: ChangeNotice): void
  subscribe(fn: (n: ChangeNotice) => void): () => void
  close(): Promise<void>
}

const CHANNEL = 'outrider_changes'
/** `application_name` of the LISTEN connection, so operators (and tests) can find it. */
export const LISTENER_NAME = 'outrider-listener'

/** Sent to every socket after the listener reconnects: notices may have been missed meanwhile. */
export const resyncNotice: ChangeNotice = { collections: [], owners: [], teams: [], broadcast: true }

/**
 * Live fan-out. On Postgres every server instance LISTENs on one channel, so a change pushed through
 * any instance wakes devices connected to all of them; NOTIFY is transactional, so nobody is woken
 * for a change that rolled back. PGlite is one process, so an in-process emitter does the same job.
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
      void client.end().catch(() => {})
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
      } catch {
        /* a foreign payload on our channel is ignored */
      }
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${CHANNEL}`)
      if (closed) {
        await client.end().catch(() => {})
        return
      }
      listener = client
      retryMs = 100
    } catch {
      onLost()
    }
  }
  if (db.kind === 'postgres') await listen()

  return {
    publishSql(n) {
      if (db.kind !== 'postgres') return null
      return { sql: 'SELECT pg_notify($1, $2)', params: [CHANNEL, JSON.stringify(n)] }
    },
    notifyStatement(n, literal) {
      if (db.kind !== 'postgres') return null
      // literal() quotes JSON text; the payload is the notice's JSON, as publishSql sends it.
      return `SELECT pg_notify('${CHANNEL}', ${literal(n)})`
    },
    publishLocal(n) {
      if (db.kind !== 'postgres') emit(n)
    },
    subscribe(fn) {
      emitter.on('change', fn)
      return () => emitter.off('change', fn)
    },
    async close() {
      closed = true
      const l = listener
      listener = null
      if (l) await l.end().catch(() => {})
      emitter.removeAllListeners()
    },
  }
}

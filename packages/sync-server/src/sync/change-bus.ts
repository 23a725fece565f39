import { EventEmitter } from 'node:events'
import type { Database } from '../db/database.ts'

/** What changed, so each instance can wake only the devices that may see it. */
export type ChangeNotice = {
  collections: string[]
  /** Owner reps whose slice changed; empty with `broadcast` for reference data. */
  owners: string[]
  teams: string[]
  broadcast: boolean
}

export type ChangeBus = {
  /** Called inside the writing transaction for Postgres (delivered on commit), after commit for PGlite. */
  publishSql(notice: ChangeNotice): { sql: string; params: unknown[] } | null
  publishLocal(notice: ChangeNotice): void
  subscribe(fn: (n: ChangeNotice) => void): () => void
  close(): Promise<void>
}

const CHANNEL = 'outrider_changes'

/**
 * Live fan-out. On Postgres every server instance LISTENs on one channel, so a change pushed through
 * any instance wakes devices connected to all of them; NOTIFY is transactional, so nobody is woken
 * for a change that rolled back. PGlite is one process, so an in-process emitter does the same job.
 */
export async function createChangeBus(db: Database): Promise<ChangeBus> {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  const emit = (n: ChangeNotice) => emitter.emit('change', n)
  let listener: { release: () => void; query: (s: string) => Promise<unknown> } | null = null
  let closed = false

  async function listen() {
    if (closed) return
    try {
      const client = await db.pool.connect()
      client.on('notification', (msg) => {
        if (msg.channel !== CHANNEL || !msg.payload) return
        try {
          emit(JSON.parse(msg.payload) as ChangeNotice)
        } catch {
          /* a foreign payload on our channel is ignored */
        }
      })
      client.on('error', () => {
        // Postgres restarted: reconnect and tell every device to pull, since notices may have been missed.
        listener = null
        client.release(true)
        setTimeout(() => {
          void listen().then(() => emit({ collections: [], owners: [], teams: [], broadcast: true }))
        }, 500)
      })
      await client.query(`LISTEN ${CHANNEL}`)
      listener = client
    } catch {
      setTimeout(() => void listen(), 1000)
    }
  }
  if (db.kind === 'postgres') await listen()

  return {
    publishSql(n) {
      if (db.kind !== 'postgres') return null
      return { sql: 'SELECT pg_notify($1, $2)', params: [CHANNEL, JSON.stringify(n)] }
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
      if (listener) {
        await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => {})
        listener.release()
      }
      emitter.removeAllListeners()
    },
  }
}

import type { Downstream, Upstream } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../auth/sessions.ts'
import { createLimiter } from './limiter.ts'
import { pullPageRaw } from './pull.ts'
import { applyPush, PushRejected } from './push.ts'
import { pushKindOf } from './push-rules.ts'

type PullMsg = Extract<Upstream, { type: 'pull' }>
type PushMsg = Extract<Upstream, { type: 'push' }>

/** A `pullResult` frame, as JSON text: documents go from the database's JSON to the socket unparsed. */
export async function handlePull(app: FastifyInstance, who: Principal, msg: PullMsg): Promise<string> {
  const page = await pullPageRaw(app.deps.db.pool, who, msg.collection, msg.checkpoint, msg.limit)
  return `{"type":"pullResult","id":${JSON.stringify(msg.id)},"documents":[${page.documents.join(',')}],"checkpoint":${JSON.stringify(page.checkpoint)}}`
}

/**
 * Concurrent push transactions per server; the pool keeps the rest for pulls and session checks.
 * Commits waiting on the same WAL flush are written together, so more pushes in flight means more
 * commits per flush, but past this many the live pulls queue behind them (measured with `bench:sync`).
 */
const PUSH_CONCURRENCY = 20
const pushLimiters = new WeakMap<FastifyInstance, ReturnType<typeof createLimiter>>()
const pushLimiter = (app: FastifyInstance) => {
  const existing = pushLimiters.get(app)
  if (existing) return existing
  const limiter = createLimiter(PUSH_CONCURRENCY)
  pushLimiters.set(app, limiter)
  return limiter
}

export async function handlePush(app: FastifyInstance, who: Principal, msg: PushMsg): Promise<Downstream> {
  const writable = pushKindOf(msg.collection)
  if (!writable)
    return {
      type: 'error',
      id: msg.id,
      code: 'E_READ_ONLY',
      message: `${msg.collection} is read-only for devices`,
    }
  const { collection, kind } = writable
  const rows = msg.rows
  try {
    const outcome = await pushLimiter(app)(() =>
      applyPush(app.deps.db, who, collection, kind, rows, new Date()),
    )
    // Announced once committed (never for a batch that rolled back); see `createAnnouncer`.
    if (outcome.notice) void app.changeBus.announce(outcome.notice)
    return { type: 'pushResult', id: msg.id, conflicts: outcome.conflicts, applied: outcome.applied }
  } catch (err) {
    if (err instanceof PushRejected)
      return { type: 'error', id: msg.id, code: err.code, message: err.message, details: err.details }
    throw err
  }
}

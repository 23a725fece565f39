import { setTimeout as sleep } from 'node:timers/promises'
import type { Downstream, Upstream } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../auth/sessions.ts'
import { initialCheckpoint } from './checkpoint.ts'
import { createCostBuckets, createFairGate } from './fair-gate.ts'
import { createLimiter } from './limiter.ts'
import { pullPageRaw, pullRecentPageRaw } from './pull.ts'
import { applyPush, PushRejected } from './push.ts'
import { pushKindOf } from './push-rules.ts'
import { createReplyBudget } from './reply-budget.ts'

type PullMsg = Extract<Upstream, { type: 'pull' }>
type PushMsg = Extract<Upstream, { type: 'push' }>

/**
 * Pull queries in flight per server instance: with the pushes' 20 this leaves the pool (36) room for
 * health checks, session checks and the REST API however many pulls wait.
 */
const PULL_CONCURRENCY = 6
/**
 * Pull queries in flight per user and instance: however many sockets one user opens, most of the
 * instance's slots stay free for everyone else (a device pulls one collection page at a time).
 */
const PULL_PER_USER = 2
const DEBT_RECHECK_MS = 100
/**
 * Bytes of pull replies one user may have in flight (assembled or unsent) before their next pull
 * waits, and the instance before everyone with a reply in flight waits: a few pages of 1,000 rows.
 */
const REPLY_BYTES_PER_USER = 2 * 1024 * 1024
const REPLY_BYTES_PER_INSTANCE = 16 * 1024 * 1024
const pullBudgets = new WeakMap<
  FastifyInstance,
  {
    gate: ReturnType<typeof createFairGate>
    costs: ReturnType<typeof createCostBuckets>
    replies: ReturnType<typeof createReplyBudget>
  }
>()
const pullBudget = (app: FastifyInstance) => {
  let budget = pullBudgets.get(app)
  if (!budget) {
    const { pullCostBurst, pullCostPerSec } = app.deps.config
    budget = {
      gate: createFairGate(PULL_CONCURRENCY, PULL_PER_USER),
      costs: createCostBuckets(pullCostBurst, pullCostPerSec),
      replies: createReplyBudget(REPLY_BYTES_PER_USER, REPLY_BYTES_PER_INSTANCE),
    }
    pullBudgets.set(app, budget)
  }
  return budget
}

/**
 * A pull's reply: a `pullResult` frame, JSON text as UTF-8 bytes, and the release of its bytes from
 * the user's and the instance's budget, to call once the socket has handed it to the network.
 */
export type PullReply = { frame: Buffer; release: () => void }

/** A `pullResult` frame: documents go from the database's JSON to the socket unparsed. */
export async function handlePull(
  app: FastifyInstance,
  who: Principal,
  msg: PullMsg,
  signal?: AbortSignal,
): Promise<PullReply> {
  const { gate, costs, replies } = pullBudget(app)
  // Checked again after every wait: a user's pulls on several sockets wake together, and each one
  // must find the budget in credit, or one user's budget would be spent once per socket. Waits are
  // short slices because a concurrent pull's reservation may be refunded meanwhile.
  for (let debt = costs.waitMs(who.userId); debt > 0; debt = costs.waitMs(who.userId))
    await sleep(Math.min(debt, DEBT_RECHECK_MS), undefined, { signal })
  // A user whose earlier replies are still unsent (a client not reading) pulls nothing more meanwhile.
  await replies.ready(who.userId, signal)
  // Reserved up front (as if the page came back full) so a user's concurrent pulls cannot all pass
  // the check at once; settled with the real cost below.
  costs.charge(who.userId, msg.limit)
  // Queued fairly per user: a user's many pulls wait behind each other, not in front of others'.
  const { frame, rows } = await gate(who.userId, async () => {
    const head = `{"type":"pullResult","id":${JSON.stringify(msg.id)},"documents":[`
    if (msg.recent) {
      // A recent-window page: outside the checkpoint, which goes back as the device sent it.
      const page = await pullRecentPageRaw(
        app.deps.db.pool,
        who,
        msg.collection,
        msg.recent.after,
        msg.limit,
        new Date(),
      )
      const checkpoint = msg.checkpoint ?? initialCheckpoint()
      return {
        rows: page.documents.length,
        frame: `${head}${page.documents.join(',')}],"checkpoint":${JSON.stringify(checkpoint)},"total":${page.total},"recent":${JSON.stringify({ next: page.next })}}`,
      }
    }
    const page = await pullPageRaw(app.deps.db.pool, who, msg.collection, msg.checkpoint, msg.limit)
    const total = page.total === undefined ? '' : `,"total":${page.total}`
    return {
      rows: page.documents.length,
      frame: `${head}${page.documents.join(',')}],"checkpoint":${JSON.stringify(page.checkpoint)}${total}}`,
    }
  })
  const bytes = Buffer.from(frame)
  const release = replies.hold(who.userId, bytes.length)
  costs.charge(who.userId, rows + bytes.length / 1024 - msg.limit)
  return { frame: bytes, release }
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

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
const pullBudgets = new WeakMap<
  FastifyInstance,
  { gate: ReturnType<typeof createFairGate>; costs: ReturnType<typeof createCostBuckets> }
>()
const pullBudget = (app: FastifyInstance) => {
  let budget = pullBudgets.get(app)
  if (!budget) {
    const { pullCostBurst, pullCostPerSec } = app.deps.config
    budget = {
      gate: createFairGate(PULL_CONCURRENCY, PULL_PER_USER),
      costs: createCostBuckets(pullCostBurst, pullCostPerSec),
    }
    pullBudgets.set(app, budget)
  }
  return budget
}

/** A `pullResult` frame, as JSON text: documents go from the database's JSON to the socket unparsed. */
export async function handlePull(
  app: FastifyInstance,
  who: Principal,
  msg: PullMsg,
  signal?: AbortSignal,
): Promise<string> {
  const { gate, costs } = pullBudget(app)
  // Checked again after every wait: a user's pulls on several sockets wake together, and each one
  // must find the budget in credit, or one user's budget would be spent once per socket. Waits are
  // short slices because a concurrent pull's reservation may be refunded meanwhile.
  for (let debt = costs.waitMs(who.userId); debt > 0; debt = costs.waitMs(who.userId))
    await sleep(Math.min(debt, DEBT_RECHECK_MS), undefined, { signal })
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
  costs.charge(who.userId, rows + frame.length / 1024 - msg.limit)
  return frame
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

import type { Downstream, Upstream } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import type { Principal } from '../auth/sessions.ts'
import { pullPage } from './pull.ts'
import { applyPush, PushRejected } from './push.ts'
import type { PushCollection, PushKind } from './push-rules.ts'

type PullMsg = Extract<Upstream, { type: 'pull' }>
type PushMsg = Extract<Upstream, { type: 'push' }>

const pushKinds: Partial<Record<string, PushKind>> = {
  customers: 'mergeable',
  contacts: 'mergeable',
  tasks: 'mergeable',
  dayPlans: 'mergeable',
  orders: 'appendOnly',
  visits: 'appendOnly',
  feedback: 'appendOnly',
}

export async function handlePull(app: FastifyInstance, who: Principal, msg: PullMsg): Promise<Downstream> {
  const page = await pullPage(app.deps.db.pool, who, msg.collection, msg.checkpoint, msg.limit)
  return { type: 'pullResult', id: msg.id, documents: page.documents, checkpoint: page.checkpoint }
}

export async function handlePush(app: FastifyInstance, who: Principal, msg: PushMsg): Promise<Downstream> {
  const kind = pushKinds[msg.collection]
  if (!kind)
    return {
      type: 'error',
      id: msg.id,
      code: 'E_READ_ONLY',
      message: `${msg.collection} is read-only for devices`,
    }
  const collection = msg.collection as PushCollection
  const rows = msg.rows as {
    newDocumentState: Record<string, unknown>
    assumedMasterState: Record<string, unknown> | null
  }[]
  try {
    const outcome = await app.deps.db.tx(async (client) => {
      const result = await applyPush(client, who, collection, kind, rows, new Date())
      const notify = result.notice && app.changeBus.publishSql(result.notice)
      if (notify) await client.query(notify.sql, notify.params)
      return result
    })
    if (outcome.notice) app.changeBus.publishLocal(outcome.notice)
    return { type: 'pushResult', id: msg.id, conflicts: outcome.conflicts, applied: outcome.applied }
  } catch (err) {
    if (err instanceof PushRejected)
      return { type: 'error', id: msg.id, code: err.code, message: err.message, details: err.details }
    throw err
  }
}

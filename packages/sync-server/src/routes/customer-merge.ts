import { findDuplicateCustomers, httpApi } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { sendError } from '../http-errors.ts'
import { MergeError, mergeStoredCustomers } from '../import/merge-stored-customers.ts'
import { writeAudit } from '../people/audit-log.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { customersRepo } from '../repositories/customers-repo.ts'
import { actorOf } from './people.ts'

const body = httpApi.mergeCustomers.body

/** Pairs listed at once: a supervisor works through them, and the next look finds the rest. */
const MAX_PAIRS = 100

export async function customerMergeRoutes(app: FastifyInstance): Promise<void> {
  /** Likely duplicates among the stored customers the caller may merge, by the import's detector. */
  app.get(httpApi.listDuplicateCustomers.path, { preHandler: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    if (who.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors can merge customers')
    const db = app.deps.db
    const scope = who.role === 'supervisor' ? { teamId: who.teamId } : 'organisation'
    const found = findDuplicateCustomers(await customersRepo.duplicateCandidates(db.pool, scope))
    const pairs = found.slice(0, MAX_PAIRS).map((p) => ({
      a: p.a,
      b: p.b,
      score: p.score,
      reasons: p.reasons.map((r) => ({ en: r.en, zh: r.zh })),
    }))
    const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))]
    const customers = await customersRepo.comparison(db.pool, ids)
    return { pairs, customers, more: found.length > MAX_PAIRS }
  })

  /** Merges a duplicate customer into a survivor in one transaction, keeping the history of both. */
  app.post(httpApi.mergeCustomers.path, { preHandler: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    if (who.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors can merge customers')
    const parsed = body.safeParse(req.body)
    if (!parsed.success)
      return sendError(
        reply,
        400,
        'E_VALIDATION',
        'survivorId and duplicateId are required',
        parsed.error.issues,
      )
    const { survivorId, duplicateId } = parsed.data
    const db = app.deps.db
    const rows = await customersRepo.scopes(db.pool, [survivorId, duplicateId])
    const missing = [survivorId, duplicateId].filter((id) => !rows.some((r) => r.id === id))
    if (missing.length > 0)
      return sendError(reply, 404, 'E_NOT_FOUND', `unknown customer ${missing.join(', ')}`)
    if (who.role === 'supervisor' && rows.some((r) => r.team_id !== who.teamId))
      return sendError(reply, 403, 'E_FORBIDDEN', 'both customers must belong to your team')
    if (rows.some((r) => r.id === survivorId && r.deleted))
      return sendError(reply, 422, 'E_VALIDATION', 'the survivor is deleted')
    try {
      const result = await db.tx(async (client) => {
        const r = await mergeStoredCustomers(client, survivorId, duplicateId, app.deps.now?.() ?? Date.now())
        await changeNoticesRepo.publish(client, r.notice)
        await writeAudit(client, actorOf(who), {
          action: 'customers.merge',
          targetType: 'customer',
          targetId: survivorId,
          teamId: rows.find((x) => x.id === survivorId)?.team_id ?? null,
          before: { survivorId, duplicateId },
          after: { survivor: survivorId, mergedInto: survivorId, duplicateId, moved: r.moved },
        })
        return r
      })
      return { survivor: result.survivor, moved: result.moved }
    } catch (err) {
      if (err instanceof MergeError)
        return sendError(reply, err.code === 'E_NOT_FOUND' ? 404 : 422, err.code, err.message)
      throw err
    }
  })
}

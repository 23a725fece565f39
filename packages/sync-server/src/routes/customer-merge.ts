import { httpApi } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { sendError } from '../http-errors.ts'
import { MergeError, mergeStoredCustomers } from '../import/merge-stored-customers.ts'
import { writeAudit } from '../people/audit-log.ts'
import { customersRepo } from '../repositories/customers-repo.ts'
import { actorOf } from './people.ts'

const body = httpApi.mergeCustomers.body

export async function customerMergeRoutes(app: FastifyInstance): Promise<void> {
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
        const sql = app.changeBus.publishSql(r.notice)
        await client.query(sql.sql, sql.params)
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

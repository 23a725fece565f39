import { type EndpointReply, type HttpApi, httpApi } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { sendError } from '../http-errors.ts'
import { writeAudit } from '../people/audit-log.ts'
import { findUser } from '../people/users-repo.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'
import { customersRepo } from '../repositories/customers-repo.ts'
import { reassignCustomers } from '../sync/reassign.ts'
import { actorOf } from './people.ts'

const body = httpApi.assignCustomers.body

export async function assignmentRoutes(app: FastifyInstance): Promise<void> {
  /** Supervisors (re)assign their team's customers to reps of their team, in bulk; admins anywhere. */
  app.post(httpApi.assignCustomers.path, { preHandler: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    if (who.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors can assign customers')
    const parsed = body.safeParse(req.body)
    if (!parsed.success)
      return sendError(reply, 400, 'E_VALIDATION', 'customerIds and repId are required', parsed.error.issues)
    const { customerIds, repId } = parsed.data
    const db = app.deps.db
    const rep = await findUser(db.pool, repId)
    if (rep?.role !== 'rep' || rep.disabled)
      return sendError(reply, 422, 'E_VALIDATION', 'repId is not an active rep')
    if (who.role === 'supervisor' && rep.teamId !== who.teamId)
      return sendError(reply, 403, 'E_FORBIDDEN', 'rep is not in your team')
    const found = await customersRepo.scopes(db.pool, customerIds)
    const missing = customerIds.filter((id) => !found.some((f) => f.id === id))
    if (missing.length > 0)
      return sendError(
        reply,
        404,
        'E_NOT_FOUND',
        'unknown customers',
        missing.slice(0, 50).map((docId) => ({ docId, reason: 'not found' })),
      )
    const foreign = found.filter(
      (f) => who.role === 'supervisor' && f.team_id !== who.teamId && f.team_id !== null,
    )
    if (foreign.length > 0) {
      return sendError(
        reply,
        403,
        'E_FORBIDDEN',
        'some customers belong to another team',
        foreign.slice(0, 50).map((f) => ({ docId: f.id, reason: 'another team' })),
      )
    }
    const result = await db.tx(async (client) => {
      const r = await reassignCustomers(client, customerIds, { id: rep.id, teamId: rep.teamId })
      if (r.moved > 0) {
        await changeNoticesRepo.publish(client, r.notice)
        await writeAudit(client, actorOf(who), {
          action: 'customers.assign',
          targetType: 'customers',
          targetId: rep.id,
          teamId: rep.teamId,
          before: { owners: Object.fromEntries(found.map((f) => [f.id, f.owner_rep_id])) },
          after: { repId: rep.id, teamId: rep.teamId, customerIds },
        })
      }
      return r
    })
    return { moved: result.moved } satisfies EndpointReply<HttpApi['assignCustomers']>
  })
}

import { type EndpointReply, type HttpApi, httpApi } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { sendError } from '../http-errors.ts'
import { writeAudit } from '../people/audit-log.ts'
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
    const { rows: reps } = await db.pool.query<{
      id: string
      team_id: string | null
      role: string
      disabled: boolean
    }>('SELECT id, team_id, role, disabled FROM users WHERE id = $1', [repId])
    const rep = reps[0]
    if (rep?.role !== 'rep' || rep.disabled)
      return sendError(reply, 422, 'E_VALIDATION', 'repId is not an active rep')
    if (who.role === 'supervisor' && rep.team_id !== who.teamId)
      return sendError(reply, 403, 'E_FORBIDDEN', 'rep is not in your team')
    const { rows: found } = await db.pool.query<{
      id: string
      team_id: string | null
      owner_rep_id: string | null
    }>('SELECT id, team_id, owner_rep_id FROM customers WHERE id = ANY($1::text[])', [customerIds])
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
      const r = await reassignCustomers(client, customerIds, { id: rep.id, teamId: rep.team_id })
      const sql = app.changeBus.publishSql(r.notice)
      if (r.moved > 0) {
        await client.query(sql.sql, sql.params)
        await writeAudit(client, actorOf(who), {
          action: 'customers.assign',
          targetType: 'customers',
          targetId: rep.id,
          teamId: rep.team_id,
          before: { owners: Object.fromEntries(found.map((f) => [f.id, f.owner_rep_id])) },
          after: { repId: rep.id, teamId: rep.team_id, customerIds },
        })
      }
      return r
    })
    return { moved: result.moved } satisfies EndpointReply<HttpApi['assignCustomers']>
  })
}

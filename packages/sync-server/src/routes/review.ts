import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { sendError } from '../http-errors.ts'

const body = z.object({
  status: z.enum(['approved', 'commented']),
  comment: z.string().max(2000).optional(),
})

export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  /**
   * A supervisor approves or comments on a visit of their team. The review is server-owned: it is
   * written into the stored visit (a new txid), so the rep's next pull delivers it.
   */
  app.post<{ Params: { id: string } }>(
    '/api/visits/:id/review',
    { preHandler: app.authenticate },
    async (req, reply) => {
      const who = req.principal!
      if (who.role === 'rep')
        return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors can review visits')
      const parsed = body.safeParse(req.body)
      if (!parsed.success)
        return sendError(
          reply,
          400,
          'E_VALIDATION',
          'status must be approved or commented',
          parsed.error.issues,
        )
      const { status, comment } = parsed.data
      const review = {
        status,
        by: who.userId,
        at: new Date(app.deps.now?.() ?? Date.now()).toISOString(),
        ...(comment === undefined || comment.trim() === '' ? {} : { comment }),
      }
      const db = app.deps.db
      const result = await db.tx(async (client) => {
        const { rows } = await client.query<{ owner_rep_id: string | null; team_id: string | null }>(
          'SELECT owner_rep_id, team_id FROM visits WHERE id = $1 FOR UPDATE',
          [req.params.id],
        )
        const visit = rows[0]
        if (!visit) return 'missing' as const
        if (who.role === 'supervisor' && (visit.team_id === null || visit.team_id !== who.teamId))
          return 'foreign' as const
        const { rows: updated } = await client.query<{ doc: Record<string, unknown> }>(
          `UPDATE visits SET review_status = $2,
                  doc = doc || jsonb_build_object('review', $3::jsonb, 'serverUpdatedAt', $4::text)
            WHERE id = $1 RETURNING doc`,
          [req.params.id, status, JSON.stringify(review), review.at],
        )
        const notice = {
          collections: ['visits'],
          owners: visit.owner_rep_id ? [visit.owner_rep_id] : [],
          teams: visit.team_id ? [visit.team_id] : [],
          broadcast: false,
        }
        const sql = app.changeBus.publishSql(notice)
        if (sql) await client.query(sql.sql, sql.params)
        return { doc: updated[0]?.doc, notice }
      })
      if (result === 'missing') return sendError(reply, 404, 'E_NOT_FOUND', `no visit ${req.params.id}`)
      if (result === 'foreign')
        return sendError(reply, 403, 'E_FORBIDDEN', 'this visit belongs to another team')
      app.changeBus.publishLocal(result.notice)
      return { id: req.params.id, review }
    },
  )
}

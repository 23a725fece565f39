import { httpApi } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import Papa from 'papaparse'
import { sendError } from '../http-errors.ts'
import { listAudit } from '../people/audit-log.ts'

const query = httpApi.listAudit.query

/** The audit log of admin and supervisor actions: admins read and export it. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  app.get(httpApi.listAudit.path, { preHandler: app.authenticate }, async (req, reply) => {
    if (req.principal!.role !== 'admin')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only admins can read the audit log')
    const q = query.safeParse(req.query)
    if (!q.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid query', q.error.issues)
    return listAudit(db.pool, {
      limit: q.data.limit,
      ...(q.data.beforeId ? { beforeId: q.data.beforeId } : {}),
      ...(q.data.action ? { action: q.data.action } : {}),
    })
  })

  app.get(httpApi.exportAuditCsv.path, { preHandler: app.authenticate }, async (req, reply) => {
    if (req.principal!.role !== 'admin')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only admins can export the audit log')
    const rows = await listAudit(db.pool, { limit: 100_000 })
    const csv = Papa.unparse(
      rows.map((r) => ({
        at: r.at,
        actor: r.actorId ?? '',
        role: r.actorRole ?? '',
        action: r.action,
        target: `${r.targetType}${r.targetId ? `:${r.targetId}` : ''}`,
        team: r.teamId ?? '',
        before: r.before === undefined ? '' : JSON.stringify(r.before),
        after: r.after === undefined ? '' : JSON.stringify(r.after),
      })),
      { newline: '\r\n', escapeFormulae: true },
    )
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-log.csv"')
      .send(`\uFEFF${csv}\r\n`)
  })
}

import { auditActionLabel, auditTargetLabel, httpApi, roleLabel } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { csvLang, excelCsv, pick } from '../export/excel-csv.ts'
import { sendError } from '../http-errors.ts'
import { listAudit } from '../people/audit-log.ts'
import { listUsers } from '../people/users-repo.ts'

const query = httpApi.listAudit.query
const auditColumns = [
  { en: 'When (UTC)', zh: '时间（UTC）' },
  { en: 'Actor', zh: '操作人' },
  { en: 'Actor ID', zh: '操作人编号' },
  { en: 'Actor role', zh: '操作人角色' },
  { en: 'Actor role code', zh: '操作人角色代码' },
  { en: 'Action', zh: '操作' },
  { en: 'Action code', zh: '操作代码' },
  { en: 'Target', zh: '对象' },
  { en: 'Target type code', zh: '对象类型代码' },
  { en: 'Target ID', zh: '对象编号' },
  { en: 'Team', zh: '团队' },
  { en: 'Before', zh: '修改前' },
  { en: 'After', zh: '修改后' },
]

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
    const q = httpApi.exportAuditCsv.query.safeParse(req.query)
    if (!q.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid lang', q.error.issues)
    const lang = csvLang(q.data.lang, req.headers['accept-language'])
    const rows = await listAudit(db.pool, { limit: 100_000 })
    // Names as the people screen shows them; an entry from the command line has no actor.
    const names = new Map((await listUsers(db.pool)).map((u) => [u.id, u.displayName]))
    const cli = pick(lang, { en: 'Command line', zh: '命令行' })
    // Words for people beside stable codes for filters and other systems (the codes never change).
    const csv = excelCsv(
      auditColumns.map((c) => pick(lang, c)),
      rows.map((r) => [
        r.at,
        r.actorId ? (names.get(r.actorId) ?? r.actorId) : cli,
        r.actorId ?? '',
        r.actorRole ? roleLabel(r.actorRole, lang) : '',
        r.actorRole ?? '',
        auditActionLabel(r.action, lang),
        r.action,
        auditTargetLabel(r.targetType, lang),
        r.targetType,
        r.targetId ?? '',
        r.teamId ?? '',
        r.before === undefined ? '' : JSON.stringify(r.before),
        r.after === undefined ? '' : JSON.stringify(r.after),
      ]),
    )
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-log.csv"')
      .send(csv)
  })
}

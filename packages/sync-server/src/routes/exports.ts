import { DEFAULT_TIME_ZONE, httpApi, todayIn } from '@outrider/domain'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { currentPolicy } from '../classification/population-thresholds.ts'
import { csvLang } from '../export/excel-csv.ts'
import { segmentsCsv } from '../export/segments-csv.ts'
import { visitsCsv } from '../export/visits-csv.ts'
import { sendError } from '../http-errors.ts'

const visitsQuery = httpApi.exportVisitsCsv.query
const segmentsQuery = httpApi.exportSegmentsCsv.query

function sendCsv(reply: FastifyReply, filename: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body)
}

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  const now = () => app.deps.now?.() ?? Date.now()
  app.get(httpApi.exportVisitsCsv.path, { preHandler: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    if (who.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can export')
    const q = visitsQuery.safeParse(req.query)
    if (!q.success)
      return sendError(
        reply,
        400,
        'E_VALIDATION',
        'from and to must be YYYY-MM-DD, from not after to',
        q.error.issues,
      )
    const from = q.data.from ?? '1970-01-01'
    const timeZone = (await currentPolicy(db.pool)).timeZone ?? DEFAULT_TIME_ZONE
    const to = q.data.to ?? todayIn(timeZone, now())
    const teamId = who.role === 'admin' ? null : who.teamId
    const csv = await visitsCsv(
      db.pool,
      { from, to, repId: q.data.repId, teamId, timeZone },
      csvLang(q.data.lang, req.headers['accept-language']),
    )
    return sendCsv(reply, `visits-${q.data.from ?? 'all'}-${to}.csv`, csv)
  })
  app.get(httpApi.exportSegmentsCsv.path, { preHandler: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    if (who.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can export')
    const q = segmentsQuery.safeParse(req.query)
    if (!q.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid lang', q.error.issues)
    const policy = await currentPolicy(db.pool)
    const asOf = todayIn(policy.timeZone ?? DEFAULT_TIME_ZONE, now())
    const teamId = who.role === 'admin' ? null : who.teamId
    const csv = await segmentsCsv(db.pool, teamId, asOf, csvLang(q.data.lang, req.headers['accept-language']))
    return sendCsv(reply, `segments-${asOf}.csv`, csv)
  })
}

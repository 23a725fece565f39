import { isoDateSchema } from '@outrider/domain'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { chinaToday } from '../export/excel-csv.ts'
import { segmentsCsv } from '../export/segments-csv.ts'
import { visitsCsv } from '../export/visits-csv.ts'
import { sendError } from '../http-errors.ts'

const lang = z.enum(['zh-CN', 'en']).default('zh-CN')
const visitsQuery = z
  .object({ from: isoDateSchema, to: isoDateSchema, repId: z.string().min(1).max(64).optional(), lang })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
const segmentsQuery = z.object({ lang })

function sendCsv(reply: FastifyReply, filename: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body)
}

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  app.get('/api/export/visits.csv', { preHandler: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    if (who.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can export')
    const q = visitsQuery.safeParse(req.query)
    if (!q.success)
      return sendError(reply, 400, 'E_VALIDATION', 'from and to must be YYYY-MM-DD', q.error.issues)
    const csv = await visitsCsv(
      db.pool,
      {
        from: q.data.from,
        to: q.data.to,
        repId: q.data.repId,
        teamId: who.role === 'admin' ? null : who.teamId,
      },
      q.data.lang,
    )
    return sendCsv(reply, `visits-${q.data.from}-${q.data.to}.csv`, csv)
  })
  app.get('/api/export/segments.csv', { preHandler: app.authenticate }, async (req, reply) => {
    const who = req.principal!
    if (who.role === 'rep')
      return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can export')
    const q = segmentsQuery.safeParse(req.query)
    if (!q.success) return sendError(reply, 400, 'E_VALIDATION', 'lang must be zh-CN or en', q.error.issues)
    const asOf = chinaToday(app.deps.now?.() ?? Date.now())
    const csv = await segmentsCsv(db.pool, who.role === 'admin' ? null : who.teamId, asOf, q.data.lang)
    return sendCsv(reply, `segments-${asOf}.csv`, csv)
  })
}

import { type TextEncoding, textEncodings } from '@outrider/domain'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import type { Principal } from '../auth/sessions.ts'
import { sendError } from '../http-errors.ts'
import { columnsBodySchema } from '../import/column-mapping.ts'
import { decodeCsv } from '../import/decode-csv.ts'
import { importCustomers } from '../import/import-customers.ts'
import { ImportInputError } from '../import/import-input-error.ts'
import { loadMapping } from '../import/import-mappings.ts'
import { importOrders } from '../import/import-orders.ts'
import { importProducts } from '../import/import-products.ts'
import type { ImportActor, ImportOptions } from '../import/import-report.ts'
import type { ChangeNotice } from '../sync/change-bus.ts'

const flag = z.enum(['0', '1', 'true', 'false']).optional()
const query = z.object({
  dryRun: flag,
  skipInvalid: flag,
  skipDuplicates: flag,
  importDuplicates: flag,
  source: z.string().min(1).max(100).optional(),
})
const MAX_CSV = 40 * 1024 * 1024
/**
 * The file as text (`csv`, with the `encoding` the browser found), or as its bytes in base64
 * (`csvBase64`), which the server decodes itself (UTF-8, UTF-16 or GBK/GB18030).
 */
const fileFields = {
  csv: z.string().max(MAX_CSV).optional(),
  csvBase64: z
    .string()
    .max(Math.ceil(MAX_CSV / 3) * 4)
    .optional(),
  encoding: z.enum(textEncodings).optional(),
  columns: columnsBodySchema,
}
const lineAction = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['new', 'skip', 'review']) }),
  z.object({ action: z.literal('merge'), into: z.string().min(1).max(64) }),
])
const customersBody = z.object({
  ...fileFields,
  merge: z
    .array(z.object({ line: z.number().int().min(2), into: z.string().min(1).max(64) }))
    .max(200_000)
    .optional(),
  decisions: z
    .array(z.object({ line: z.number().int().min(2), action: lineAction }))
    .max(200_000)
    .optional(),
})
const ordersBody = z.object(fileFields)
const productsBody = ordersBody

/** The CSV text and its encoding from either form; throws ImportInputError when neither or both came. */
function fileOf(body: {
  csv?: string | undefined
  csvBase64?: string | undefined
  encoding?: TextEncoding | undefined
}) {
  if ((body.csv === undefined) === (body.csvBase64 === undefined))
    throw new ImportInputError('send the file as csv (text) or csvBase64 (bytes), one of the two')
  if (body.csvBase64 !== undefined) return decodeCsv(Buffer.from(body.csvBase64, 'base64'))
  return { csv: body.csv as string, encoding: body.encoding ?? 'utf-8' }
}

const on = (v: string | undefined) => v === '1' || v === 'true'

export async function importRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db
  // The CSV travels inside JSON (base64 adds a third): room for a 100,000-line file plus the envelope.
  const opts = { preHandler: app.authenticate, bodyLimit: 60 * 1024 * 1024 }
  const actorOf = (who: Principal): ImportActor | null =>
    who.role === 'rep' ? null : { userId: who.userId, role: who.role, teamId: who.teamId }
  const inTx = async (client: { query: (s: string, p: unknown[]) => Promise<unknown> }, n: ChangeNotice) => {
    const sql = app.changeBus.publishSql(n)
    await client.query(sql.sql, sql.params)
  }
  const fail = (reply: FastifyReply, err: unknown) => {
    if (err instanceof ImportInputError) return sendError(reply, 400, 'E_VALIDATION', err.message)
    throw err
  }

  for (const kind of ['customers', 'orders', 'products'] as const) {
    app.post(`/api/import/${kind}`, opts, async (req, reply) => {
      const actor = actorOf(req.principal!)
      if (!actor) return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can import')
      const q = query.safeParse(req.query)
      if (!q.success) return sendError(reply, 400, 'E_VALIDATION', 'invalid query parameters', q.error.issues)
      const options: ImportOptions = {
        dryRun: on(q.data.dryRun),
        skipInvalid: on(q.data.skipInvalid),
        skipDuplicates: on(q.data.skipDuplicates),
        importDuplicates: on(q.data.importDuplicates),
      }
      const source = q.data.source ? { source: q.data.source } : {}
      try {
        if (kind === 'customers') {
          const body = customersBody.safeParse(req.body)
          if (!body.success)
            return sendError(reply, 400, 'E_VALIDATION', 'body needs csv and columns', body.error.issues)
          const { merge, decisions, columns } = body.data
          const out = await importCustomers(
            db,
            actor,
            {
              ...fileOf(body.data),
              columns,
              ...(merge ? { merge } : {}),
              ...(decisions ? { decisions } : {}),
              ...source,
            },
            options,
            inTx,
          )
          if (!options.dryRun) await app.thresholds.recompute()
          return out.report
        }
        const body = (kind === 'products' ? productsBody : ordersBody).safeParse(req.body)
        if (!body.success)
          return sendError(reply, 400, 'E_VALIDATION', 'body needs csv and columns', body.error.issues)
        const out = await (kind === 'products' ? importProducts : importOrders)(
          db,
          actor,
          { ...fileOf(body.data), columns: body.data.columns, ...source },
          options,
          inTx,
        )
        // New orders move the population: its thresholds follow before the import answers.
        if (!options.dryRun && kind === 'orders') await app.thresholds.recompute()
        return out.report
      } catch (err) {
        return fail(reply, err)
      }
    })
  }

  app.get<{ Params: { source: string }; Querystring: { kind?: string } }>(
    '/api/import/mappings/:source',
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (req.principal!.role === 'rep')
        return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can import')
      const kind = req.query.kind
      if (kind !== undefined && kind !== 'customers' && kind !== 'orders' && kind !== 'products')
        return sendError(reply, 400, 'E_VALIDATION', 'kind must be customers, orders or products')
      const saved = await loadMapping(db.pool, req.params.source, kind)
      if (!saved) return sendError(reply, 404, 'E_NOT_FOUND', `no saved mapping for ${req.params.source}`)
      return saved
    },
  )
}

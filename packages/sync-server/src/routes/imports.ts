import { PassThrough } from 'node:stream'
import {
  httpApi,
  IMPORT_STREAM_TYPE,
  type ImportCustomersBody,
  type ImportReport,
  type ImportStreamLine,
  importCustomersBodySchema,
  importFileBodySchema,
  importKinds,
  importQuerySchema,
  type SavedMapping,
  type TextEncoding,
} from '@outrider/domain'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Principal } from '../auth/sessions.ts'
import { sendError } from '../http-errors.ts'
import { decodeCsv } from '../import/decode-csv.ts'
import { importCustomers } from '../import/import-customers.ts'
import { ImportInputError } from '../import/import-input-error.ts'
import { loadMapping } from '../import/import-mappings.ts'
import { importOrders } from '../import/import-orders.ts'
import { importProducts } from '../import/import-products.ts'
import type { ImportActor, ImportOptions } from '../import/import-report.ts'
import { changeNoticesRepo } from '../repositories/change-notices-repo.ts'

const query = importQuerySchema
const customersBody = importCustomersBodySchema
const ordersBody = importFileBodySchema
const productsBody = importFileBodySchema

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
  const inTx = changeNoticesRepo.publish
  const fail = (reply: FastifyReply, err: unknown) => {
    if (err instanceof ImportInputError) return sendError(reply, 400, 'E_VALIDATION', err.message)
    throw err
  }

  const endpoints = {
    customers: httpApi.importCustomers,
    orders: httpApi.importOrders,
    products: httpApi.importProducts,
  }
  // One import at a time per instance: each holds its file and, for customers, the duplicate index
  // of its lines in memory, so a second one at once is refused with Retry-After rather than doubling it.
  let importing = false
  for (const kind of importKinds) {
    app.post(endpoints[kind].path, opts, async (req, reply) => {
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
      const body = (
        kind === 'customers' ? customersBody : kind === 'products' ? productsBody : ordersBody
      ).safeParse(req.body)
      if (!body.success)
        return sendError(reply, 400, 'E_VALIDATION', 'body needs csv and columns', body.error.issues)
      if (importing) {
        reply.header('retry-after', '5')
        return sendError(
          reply,
          503,
          'E_RATE_LIMITED',
          'another import is running on this server; retry shortly',
        )
      }
      // Orders and products take no decisions: their schema has none, so these are absent.
      const { merge, decisions, columns }: ImportCustomersBody = body.data
      const run = async (): Promise<ImportReport> => {
        if (kind === 'customers') {
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
        const out = await (kind === 'products' ? importProducts : importOrders)(
          db,
          actor,
          { ...fileOf(body.data), columns, ...source },
          options,
          inTx,
        )
        // New orders move the population: its thresholds follow before the import answers.
        if (!options.dryRun && kind === 'orders') await app.thresholds.recompute()
        return out.report
      }
      importing = true
      if ((req.headers.accept ?? '').includes(IMPORT_STREAM_TYPE))
        return streamImport(req, reply, options, run)
      try {
        return (await run()) satisfies ImportReport
      } catch (err) {
        return fail(reply, err)
      } finally {
        importing = false
      }
    })
  }

  /**
   * The import answered as lines of JSON: its progress as it goes, then the report (or the error it
   * would have answered), so a 100,000-line import shows how far it got.
   */
  const streamImport = (
    req: FastifyRequest,
    reply: FastifyReply,
    options: ImportOptions,
    run: () => Promise<ImportReport>,
  ) => {
    const out = new PassThrough()
    const line = (l: ImportStreamLine) => out.write(`${JSON.stringify(l)}\n`)
    options.onProgress = (progress) => line({ progress })
    void run()
      .then((report) => line({ report }))
      .catch((err: unknown) => {
        if (err instanceof ImportInputError)
          return line({ status: 400, error: { code: 'E_VALIDATION', message: err.message } })
        req.log.error({ err }, 'streamed import failed')
        return line({ status: 500, error: { code: 'E_INTERNAL', message: 'internal error' } })
      })
      .finally(() => {
        importing = false
        out.end()
      })
    return reply.type(IMPORT_STREAM_TYPE).header('cache-control', 'no-store').send(out)
  }

  app.get<{ Params: { source: string } }>(
    httpApi.loadImportMapping.path,
    { preHandler: app.authenticate },
    async (req, reply) => {
      if (req.principal!.role === 'rep')
        return sendError(reply, 403, 'E_FORBIDDEN', 'only supervisors and admins can import')
      const q = httpApi.loadImportMapping.query.safeParse(req.query)
      if (!q.success)
        return sendError(reply, 400, 'E_VALIDATION', 'kind must be customers, orders or products')
      const kind = q.data.kind
      const saved = await loadMapping(db.pool, req.params.source, kind)
      if (!saved) return sendError(reply, 404, 'E_NOT_FOUND', `no saved mapping for ${req.params.source}`)
      return saved satisfies SavedMapping
    },
  )
}

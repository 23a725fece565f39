import { z } from 'zod'
import { textEncodings } from '../text/decode-text.ts'
import { defineEndpoint } from './endpoint.ts'
import { columnsBodySchema, columnsSchema, importKinds } from './import-roles.ts'

const flag = z.enum(['0', '1', 'true', 'false']).optional()
/** What an import may do: check only, leave out bad lines, or settle duplicates nobody decided on. */
export const importQuerySchema = z.object({
  dryRun: flag,
  skipInvalid: flag,
  skipDuplicates: flag,
  importDuplicates: flag,
  source: z.string().min(1).max(100).optional(),
})
export type ImportQuery = z.input<typeof importQuerySchema>

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
const lineActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['new', 'skip', 'review']) }),
  z.object({ action: z.literal('merge'), into: z.string().min(1).max(64) }),
])
export const importCustomersBodySchema = z.object({
  ...fileFields,
  merge: z
    .array(z.object({ line: z.number().int().min(2), into: z.string().min(1).max(64) }))
    .max(200_000)
    .optional(),
  decisions: z
    .array(z.object({ line: z.number().int().min(2), action: lineActionSchema }))
    .max(200_000)
    .optional(),
})
export type ImportCustomersBody = z.infer<typeof importCustomersBodySchema>
export const importFileBodySchema = z.object(fileFields)

const count = z.number().int().nonnegative()
/** What an import did (or, in a dry run, would do) with each line of the file. */
export const importReportSchema = z.object({
  /** How the file's bytes were read (`utf-8` when the text came as text). */
  encoding: z.enum(textEncodings),
  rows: count,
  valid: count,
  /** One problem with one line; line 1 is the header, `field` the role or `row`. */
  errors: z.array(z.object({ line: count, field: z.string(), reason: z.string(), zh: z.string() })),
  /** A line like another line of the file (its number) or a stored customer (its id). */
  duplicates: z.array(
    z.object({
      line: count,
      matches: z.array(z.union([z.number(), z.string()])),
      evidence: z.array(
        z.object({
          match: z.union([z.number(), z.string()]),
          score: z.number(),
          en: z.string(),
          zh: z.string(),
        }),
      ),
      kind: z.enum(['exact', 'likely']),
      valid: z.boolean(),
      action: lineActionSchema,
    }),
  ),
  counts: z.object({ insert: count, merge: count, skip: count, review: count, invalid: count }),
  /** Bad lines block the whole import unless they are skipped. */
  blocked: z.boolean(),
  imported: count,
})
export type ImportReport = z.infer<typeof importReportSchema>
export type ImportError = ImportReport['errors'][number]
export type ImportDuplicate = ImportReport['duplicates'][number]

/**
 * How far an import got: characters of the file `read`, lines `check`ed, stored customers and lines
 * searched for `duplicates`, lines `write`n.
 */
export const importProgressSchema = z.object({
  phase: z.enum(['read', 'check', 'duplicates', 'write']),
  done: count,
  total: count,
})
export type ImportProgress = z.infer<typeof importProgressSchema>

/**
 * Asked with `Accept: application/x-ndjson`, an import answers one JSON object per line: progress
 * while it works, then its report, or the error it would have answered (in the app's error shape).
 */
export const IMPORT_STREAM_TYPE = 'application/x-ndjson'
export const importStreamLineSchema = z.union([
  z.object({ progress: importProgressSchema }),
  z.object({ report: importReportSchema }),
  z.object({
    status: z.number().int(),
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  }),
])
export type ImportStreamLine = z.infer<typeof importStreamLineSchema>

export const importCustomers = defineEndpoint({
  method: 'POST',
  path: '/api/import/customers',
  query: importQuerySchema,
  body: importCustomersBodySchema,
  response: importReportSchema,
})
export const importOrders = defineEndpoint({
  method: 'POST',
  path: '/api/import/orders',
  query: importQuerySchema,
  body: importFileBodySchema,
  response: importReportSchema,
})
export const importProducts = defineEndpoint({
  method: 'POST',
  path: '/api/import/products',
  query: importQuerySchema,
  body: importFileBodySchema,
  response: importReportSchema,
})

/** A column mapping saved under the name of the system the file came from. */
export const savedMappingSchema = z.object({
  source: z.string(),
  kind: z.enum(importKinds),
  columns: columnsSchema,
  updatedAt: z.string(),
})
export type SavedMapping = z.infer<typeof savedMappingSchema>

export const loadImportMapping = defineEndpoint({
  method: 'GET',
  path: '/api/import/mappings/:source',
  query: z.object({ kind: z.enum(importKinds).optional() }),
  response: savedMappingSchema,
})

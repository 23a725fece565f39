import { z } from 'zod'
import { isoDateSchema } from '../model/common.ts'
import { defineEndpoint } from './endpoint.ts'

/** The sheet's language (`en…` English, else Chinese); without it, the browser's Accept-Language. */
const csvLang = z.string().max(20).optional()

/** CSV for Excel (UTF-8 with a byte-order mark); the reply is the file, downloaded as it is. */
export const exportVisitsCsv = defineEndpoint({
  method: 'GET',
  path: '/api/export/visits.csv',
  /** Without `from` the export starts at the first visit; without `to` it ends today. */
  query: z
    .object({
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      repId: z.string().min(1).max(64).optional(),
      lang: csvLang,
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, {
      message: 'from must not be after to',
      path: ['from'],
    }),
  response: z.string(),
})

export const exportSegmentsCsv = defineEndpoint({
  method: 'GET',
  path: '/api/export/segments.csv',
  query: z.object({ lang: csvLang }),
  response: z.string(),
})

/** Admins export the whole audit log: actions and targets in words (in `lang`) beside their codes. */
export const exportAuditCsv = defineEndpoint({
  method: 'GET',
  path: '/api/admin/audit.csv',
  query: z.object({ lang: csvLang }),
  response: z.string(),
})

const photoId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/)
/** Photo bytes are the body (JPEG, WebP or PNG); the id is made on the phone, so a retry stores nothing twice. */
export const uploadPhoto = defineEndpoint({
  method: 'PUT',
  path: '/api/photos/:id',
  query: z.object({ customerId: photoId, visitId: photoId.optional() }),
  response: z.object({ id: z.string(), stored: z.boolean() }),
})
export const photoParamsSchema = z.object({ id: photoId })

/** The photo's bytes, for the rep and their supervisors. */
export const readPhoto = defineEndpoint({ method: 'GET', path: '/api/photos/:id', response: z.string() })

import { z } from 'zod'
import { collectionNameSchema } from './collection-table.ts'
import { requestIdSchema, wireObjectSchema } from './request-id.ts'

/** One changed document with the master state the device last saw (RxDB's push row). */
export const pushRowSchema = z.object({
  newDocumentState: wireObjectSchema,
  assumedMasterState: wireObjectSchema.nullable(),
})
export type PushRow = z.infer<typeof pushRowSchema>

export const pushSchema = z.object({
  type: z.literal('push'),
  id: requestIdSchema,
  collection: collectionNameSchema,
  rows: z.array(pushRowSchema).min(1).max(500),
})
export type Push = z.infer<typeof pushSchema>

import { z } from 'zod'
import { checkpointSchema } from './checkpoint.ts'
import { collectionNameSchema } from './collection-table.ts'
import { requestIdSchema } from './request-id.ts'

/** Asks for the next page of changes after `checkpoint` (null: from the beginning). */
export const pullSchema = z.object({
  type: z.literal('pull'),
  id: requestIdSchema,
  collection: collectionNameSchema,
  checkpoint: checkpointSchema.nullable(),
  limit: z.number().int().min(1).max(1_000),
})
export type Pull = z.infer<typeof pullSchema>

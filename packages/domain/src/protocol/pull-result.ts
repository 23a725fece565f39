import { z } from 'zod'
import { checkpointSchema } from './checkpoint.ts'
import { requestIdSchema, wireObjectSchema } from './request-id.ts'

/** A page of changed documents (each with `_deleted`) and the checkpoint to pull from next. */
export const pullResultSchema = z.object({
  type: z.literal('pullResult'),
  id: requestIdSchema,
  documents: z.array(wireObjectSchema),
  checkpoint: checkpointSchema,
})
export type PullResult = z.infer<typeof pullResultSchema>

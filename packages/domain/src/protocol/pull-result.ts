import { z } from 'zod'
import { checkpointSchema } from './checkpoint.ts'
import { recentCursorSchema } from './pull.ts'
import { requestIdSchema, wireObjectSchema } from './request-id.ts'

/**
 * A page of changed documents (each with `_deleted`) and the checkpoint to pull from next. On every
 * page of a device's first pass (and of the recent window), `total` is how many documents the
 * device's scope holds in that collection, counted when the page was read: a first sync can show
 * its progress. A recent-window page says where the window goes on (`recent.next`, null when done).
 */
export const pullResultSchema = z.object({
  type: z.literal('pullResult'),
  id: requestIdSchema,
  documents: z.array(wireObjectSchema),
  checkpoint: checkpointSchema,
  total: z.number().int().nonnegative().optional(),
  recent: z.object({ next: recentCursorSchema.nullable() }).optional(),
})
export type PullResult = z.infer<typeof pullResultSchema>

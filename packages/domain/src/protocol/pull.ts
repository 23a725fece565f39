import { z } from 'zod'
import { checkpointSchema } from './checkpoint.ts'
import { collectionNameSchema } from './collection-table.ts'
import { requestIdSchema } from './request-id.ts'

/**
 * Where a recent-window pass stopped: the last document's time and id (newest first). Made by the
 * server, echoed back by the client unchanged.
 */
export const recentCursorSchema = z.object({
  at: z.string().max(40),
  id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'document id'),
})
export type RecentCursor = z.infer<typeof recentCursorSchema>

/**
 * Asks for the next page of changes after `checkpoint` (null: from the beginning). With `recent`, a
 * device's first sync asks instead for a page of the recent window: the collection's newest
 * documents in its scope (visits of the last weeks, newest first), read-only and outside the
 * checkpoint; the normal pass that follows delivers them again, so nothing depends on the window.
 */
export const pullSchema = z.object({
  type: z.literal('pull'),
  id: requestIdSchema,
  collection: collectionNameSchema,
  checkpoint: checkpointSchema.nullable(),
  limit: z.number().int().min(1).max(1_000),
  recent: z.object({ after: recentCursorSchema.nullable() }).optional(),
})
export type Pull = z.infer<typeof pullSchema>

import { z } from 'zod'
import { requestIdSchema, wireObjectSchema } from './request-id.ts'

/**
 * Outcome of a push as plain data: `conflicts` holds the current master state of every row whose
 * assumed master was stale (RxDB then runs its conflict handler on it); `applied` counts stored rows.
 */
export const pushResultSchema = z.object({
  type: z.literal('pushResult'),
  id: requestIdSchema,
  conflicts: z.array(wireObjectSchema),
  applied: z.number().int().min(0),
})
export type PushResult = z.infer<typeof pushResultSchema>

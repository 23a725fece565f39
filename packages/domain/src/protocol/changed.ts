import { z } from 'zod'
import { collectionNameSchema } from './collection-table.ts'

/** Live hint that these collections changed on the server; the client answers by pulling them. */
export const changedSchema = z.object({
  type: z.literal('changed'),
  collections: z.array(collectionNameSchema).min(1).max(collectionNameSchema.options.length),
})
export type Changed = z.infer<typeof changedSchema>

import { z } from 'zod'
import { idSchema, isoDateSchema, isoDateTimeSchema, longText, mergeableBase, shortText } from './common.ts'

export const taskKindSchema = z.enum(['follow_up', 'callback', 'care', 'complaint'])
export const taskStatusSchema = z.enum(['open', 'done', 'cancelled'])

export const taskSchema = z.object({
  ...mergeableBase,
  customerId: idSchema.nullable(),
  /** Server-owned for reps: a rep's tasks are always their own. */
  assigneeId: idSchema,
  kind: taskKindSchema,
  title: shortText.min(1),
  notes: longText.optional(),
  due: isoDateSchema,
  status: taskStatusSchema,
  doneAt: isoDateTimeSchema.nullable(),
  sourceVisitId: idSchema.nullable(),
  deleted: z.boolean().optional(),
})
export type Task = z.infer<typeof taskSchema>

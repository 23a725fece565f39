import { z } from 'zod'
import { idSchema, isoDateSchema, isoDateTimeSchema, longText, mergeableBase, shortText } from './common.ts'
import { contactChannelSchema } from './service-policy.ts'
import { bilingualSchema } from './survey.ts'

/** The care-plan rule that generated a task (see `generateCareTasks`). */
export const careRuleSchema = z.enum([
  'birthday',
  'holiday',
  'callback',
  'win_back',
  'monthly_contact',
  'complaint_follow_up',
])
export type CareRule = z.infer<typeof careRuleSchema>

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
  /** Care tasks: the rule that made it, why (both languages) and how to reach the customer. */
  careRule: careRuleSchema.optional(),
  reason: bilingualSchema.optional(),
  channel: contactChannelSchema.optional(),
  /** What was done, written when marking it done. */
  doneNote: longText.optional(),
  deleted: z.boolean().optional(),
})
export type Task = z.infer<typeof taskSchema>

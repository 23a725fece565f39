import { z } from 'zod'
import { appendOnlyBase, idSchema, isoDateTimeSchema, text } from './common.ts'

export const complaintStatusSchema = z.enum(['open', 'in_progress', 'resolved'])

export const feedbackSchema = z.object({
  ...appendOnlyBase,
  customerId: idSchema,
  ownerRepId: idSchema.nullable().optional(),
  visitId: idSchema.nullable(),
  at: isoDateTimeSchema,
  /** Satisfaction survey, 1–5. */
  score: z.number().int().min(1).max(5).nullable(),
  /** Would recommend, 0–10 (for promoter share). */
  recommend: z.number().int().min(0).max(10).nullable(),
  comment: text(2_000),
  complaint: z
    .object({
      category: z.enum(['product', 'delivery', 'service', 'price', 'other']),
      status: complaintStatusSchema,
      resolution: text(2_000).nullable(),
      resolvedAt: isoDateTimeSchema.nullable(),
    })
    .nullable(),
})
export type Feedback = z.infer<typeof feedbackSchema>

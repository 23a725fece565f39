import { z } from 'zod'
import {
  appendOnlyBase,
  geoPointSchema,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  longText,
  shortText,
  text,
} from './common.ts'
import { orderLineSchema } from './order.ts'
import { contactChannelSchema } from './service-policy.ts'
import { surveyAnswersSchema, surveyQuestionSchema } from './survey.ts'

export const visitPurposeSchema = z.enum([
  'routine',
  'sales',
  'delivery',
  'care',
  'complaint',
  'collection',
  'prospecting',
])
export const visitOutcomeSchema = z.enum([
  'ordered',
  'interested',
  'no_need',
  'not_met',
  'closed',
  'follow_up',
])

export const gpsFixSchema = z.object({
  ...geoPointSchema.shape,
  accuracyM: z.number().nonnegative().max(100_000),
  at: isoDateTimeSchema,
})
export type GpsFix = z.infer<typeof gpsFixSchema>

export const reviewSchema = z.object({
  status: z.enum(['pending', 'approved', 'commented']),
  by: idSchema.optional(),
  at: isoDateTimeSchema.optional(),
  comment: text(2_000).optional(),
  /** The rep's one reply to the review. */
  reply: z.object({ by: idSchema, at: isoDateTimeSchema, text: text(2_000).min(1) }).optional(),
})
export type Review = z.infer<typeof reviewSchema>

export const visitSchema = z.object({
  ...appendOnlyBase,
  customerId: idSchema,
  /** Server-owned: the customer's owner when stored, for scope. */
  ownerRepId: idSchema.nullable().optional(),
  checkInAt: isoDateTimeSchema,
  checkOutAt: isoDateTimeSchema.nullable(),
  checkInGps: gpsFixSchema.nullable(),
  /** The rep's reason for checking in far from the shop or while it is closed (shown to the reviewer). */
  checkInReason: text(500).optional(),
  purpose: visitPurposeSchema,
  notes: longText,
  outcome: visitOutcomeSchema,
  orderLines: z.array(orderLineSchema).max(200),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  complaint: text(2_000).nullable(),
  followUp: z.object({ title: shortText, due: isoDateSchema }).nullable(),
  photoIds: z.array(idSchema).max(20),
  /**
   * How the contact was made: absent or `visit` for a visit on site (with check-in), otherwise a call,
   * WeChat, SMS, e-mail or other contact logged without check-in. Both count toward the cadence.
   */
  channel: contactChannelSchema.optional(),
  /** "Would you recommend us", 0–10, when asked. */
  nps: z.number().int().min(0).max(10).nullable().optional(),
  /** The tier's survey as it was asked, with the answers. */
  survey: z
    .object({ questions: z.array(surveyQuestionSchema).max(5), answers: surveyAnswersSchema })
    .optional(),
  /** Set by a correction: the visit should not have been recorded; it stays in the history, out of every figure. */
  cancelled: z.boolean().optional(),
  /** Server-owned: the supervisor's review. */
  review: reviewSchema.optional(),
})
export type Visit = z.infer<typeof visitSchema>

import { z } from 'zod'
import { entityBase, shortText } from './common.ts'

export const contactChannelSchema = z.enum(['visit', 'phone', 'wechat', 'sms', 'email'])
export const careActionSchema = z.enum([
  'birthday_greeting',
  'holiday_greeting',
  'callback_after_order',
  'satisfaction_survey',
  'complaint_follow_up',
  'win_back_offer',
])

export const tierServiceSchema = z.object({
  visitEveryDays: z.number().int().min(1).max(365),
  serviceMinutes: z.number().int().min(5).max(480),
  channel: contactChannelSchema,
  contactsPerMonth: z.number().int().min(0).max(60),
  careActions: z.array(careActionSchema).max(10),
  /** Days after a visit to call back, or null for none. */
  callbackAfterDays: z.number().int().min(1).max(90).nullable(),
})
export type TierService = z.infer<typeof tierServiceSchema>

/** RFM grid: for each R score (index 0 = R1) and F score (index 0 = F1), a segment key. */
export const rfmGridSchema = z.array(z.array(shortText).length(5)).length(5)

export const servicePolicySchema = z.object({
  ...entityBase,
  name: shortText,
  tiers: z.object({ A: tierServiceSchema, B: tierServiceSchema, C: tierServiceSchema }),
  /** Segment overrides, e.g. at-risk customers visited sooner. */
  segmentOverrides: z.record(shortText, z.object({ visitEveryDays: z.number().int().min(1).max(365) })),
  /**
   * Monetary shares, not cumulative: tier A covers the top `a` of total spend, tier B the next `b` on top
   * of it (B ends at `a + b`, e.g. 0.8 + 0.15 for an 80/15/5 split), and C takes the rest.
   */
  tierShares: z.object({ a: z.number().gt(0).lt(1), b: z.number().gt(0).lt(1) }),
  rfmGrid: rfmGridSchema,
  scoreWeights: z.object({
    value: z.number().min(0).max(1),
    potential: z.number().min(0).max(1),
    loyalty: z.number().min(0).max(1),
    risk: z.number().min(0).max(1),
  }),
})
export type ServicePolicy = z.infer<typeof servicePolicySchema>

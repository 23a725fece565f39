import { z } from 'zod'
import { isTimeZone } from '../calendar/time-zone.ts'
import { entityBase, idSchema, isoDateSchema, shortText } from './common.ts'
import { surveySchema } from './survey.ts'

export const contactChannelSchema = z.enum(['visit', 'phone', 'wechat', 'sms', 'email', 'other'])
export type ContactChannel = z.infer<typeof contactChannelSchema>
export const careActionSchema = z.enum([
  'birthday_greeting',
  'holiday_greeting',
  'callback_after_order',
  'satisfaction_survey',
  'complaint_follow_up',
  'win_back_offer',
])

export const holidaySchema = z.object({ date: isoDateSchema, name: shortText.min(1) })
export type Holiday = z.infer<typeof holidaySchema>

export const monthTargetsSchema = z.object({
  visits: z.number().int().min(0).max(10_000),
  contacts: z.number().int().min(0).max(10_000),
  orders: z.number().int().min(0).max(10_000),
  /** Shares 0–1. */
  visitCoverage: z.number().min(0).max(1),
  careOnTime: z.number().min(0).max(1),
  /** At most this many complaints still open at the end of the month. */
  openComplaints: z.number().int().min(0).max(10_000),
})
export type MonthTargets = z.infer<typeof monthTargetsSchema>

export type CareAction = z.infer<typeof careActionSchema>

export const tierServiceSchema = z.object({
  visitEveryDays: z.number().int().min(1).max(365),
  serviceMinutes: z.number().int().min(5).max(480),
  channel: contactChannelSchema,
  contactsPerMonth: z.number().int().min(0).max(60),
  careActions: z.array(careActionSchema).max(10),
  /** Days after a visit or order to call back, or null for none. */
  callbackAfterDays: z.number().int().min(1).max(90).nullable(),
  /** Hours within which a complaint of this tier must be resolved (its due date); default by tier. */
  complaintResponseHours: z.number().int().min(1).max(2_160).optional(),
  /** A short survey answered on the phone at visits of this tier. */
  survey: surveySchema.optional(),
})
export type TierService = z.infer<typeof tierServiceSchema>

/** RFM grid: for each R score (index 0 = R1) and F score (index 0 = F1), a segment key. */
export const rfmGridSchema = z.array(z.array(shortText).length(5)).length(5)

export const segmentModelSchema = z.enum(['rfm8', 'rf_grid'])
export type SegmentModel = z.infer<typeof segmentModelSchema>
export const highLowRuleSchema = z.enum(['mean', 'score3'])
export type HighLowRule = z.infer<typeof highLowRuleSchema>
export const thresholdPopulationSchema = z.enum(['organisation', 'team'])
export type ThresholdPopulation = z.infer<typeof thresholdPopulationSchema>

/** Behaviour tags on absolute facts, so a customer's tags do not move when other customers buy. */
export const tagThresholdsSchema = z.object({
  /** frequent_buyer: at least this many orders in the last 365 days. */
  frequentMinOrders: z.number().int().min(1).max(1000),
  /** occasional: a buyer with at most this many orders in the last 365 days. */
  occasionalMaxOrders: z.number().int().min(0).max(1000),
  /** big_basket: average order value at least this much (yuan). */
  bigBasketMinAverage: z.number().min(0).max(100_000_000),
})
export type TagThresholds = z.infer<typeof tagThresholdsSchema>

export const defaultTagThresholds: TagThresholds = {
  frequentMinOrders: 12,
  occasionalMaxOrders: 2,
  bigBasketMinAverage: 2000,
}

export const servicePolicySchema = z.object({
  ...entityBase,
  name: shortText,
  tiers: z.object({ A: tierServiceSchema, B: tierServiceSchema, C: tierServiceSchema }),
  /** Segment overrides, e.g. at-risk customers visited sooner. */
  segmentOverrides: z.record(
    shortText,
    z.object({
      visitEveryDays: z.number().int().min(1).max(365),
      /** Care actions added for customers of this segment, on top of their tier's. */
      careActions: z.array(careActionSchema).max(10).optional(),
    }),
  ),
  /**
   * Monetary shares, not cumulative: tier A covers the top `a` of total spend, tier B the next `b` on top
   * of it (B ends at `a + b`, e.g. 0.8 + 0.15 for an 80/15/5 split), and C takes the rest.
   */
  tierShares: z.object({ a: z.number().gt(0).lt(1), b: z.number().gt(0).lt(1) }),
  rfmGrid: rfmGridSchema,
  /** The organisation's time zone (IANA); decides every calendar day. Absent: Asia/Shanghai. */
  timeZone: z.string().max(64).refine(isTimeZone, 'not a known IANA time zone').optional(),
  /**
   * Segments: `rfm8`, the Chinese RFM model (R, F, M each high or low; the default), or `rf_grid`, the
   * 5×5 R×F grid in `rfmGrid`.
   */
  segmentModel: segmentModelSchema.optional(),
  /** What "high" means in `rfm8`: above the population mean (default) or a score of 3 or more. */
  highLowRule: highLowRuleSchema.optional(),
  /** Whose customers set the score breakpoints, tier cut-offs and means: the organisation's (default) or the team's. */
  population: thresholdPopulationSchema.optional(),
  /** Absolute thresholds of the behaviour tags (absent: `defaultTagThresholds`). */
  tagThresholds: tagThresholdsSchema.partial().optional(),
  scoreWeights: z.object({
    value: z.number().min(0).max(1),
    potential: z.number().min(0).max(1),
    loyalty: z.number().min(0).max(1),
    risk: z.number().min(0).max(1),
  }),
  /** Greeting days (organisation settings); absent: the Chinese public holidays of each year. */
  holidays: z.array(holidaySchema).max(100).optional(),
  /** The most of one product an order line may carry (absent: `DEFAULT_MAX_ORDER_QUANTITY`). */
  maxOrderQuantity: z.number().int().min(1).max(1_000_000).optional(),
  /** Metres from the customer's address within which a check-in is not flagged (absent: 300). */
  checkInRadiusM: z.number().int().min(20).max(50_000).optional(),
  /** Complaint categories offered on the phone; absent: `defaultComplaintCategories`. */
  complaintCategories: z.array(shortText.min(1)).min(1).max(30).optional(),
  /**
   * Monthly targets: the organisation's for every rep (an admin sets them), a team's for its reps and a
   * rep's own (their supervisor sets these); the most specific applies (`targetsFor`).
   */
  targets: z
    .object({
      default: monthTargetsSchema.optional(),
      byTeam: z.record(idSchema, monthTargetsSchema).optional(),
      byRep: z.record(idSchema, monthTargetsSchema),
    })
    .optional(),
})
export type ServicePolicy = z.infer<typeof servicePolicySchema>

/** An order line's quantity limit when the policy names none: a guard against a slipped digit. */
export const DEFAULT_MAX_ORDER_QUANTITY = 10_000

/** The most of one product an order line may carry under `policy`. */
export const maxOrderQuantity = (policy: Pick<ServicePolicy, 'maxOrderQuantity'> | null | undefined) =>
  policy?.maxOrderQuantity ?? DEFAULT_MAX_ORDER_QUANTITY

/** Whose targets: the organisation's, a team's or one rep's. */
export const targetScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('organisation') }),
  z.object({ kind: z.literal('team'), id: idSchema }),
  z.object({ kind: z.literal('rep'), id: idSchema }),
])
export type TargetScope = z.infer<typeof targetScopeSchema>

/** The targets set exactly for `scope`, or undefined. */
export function targetsSetFor(policy: ServicePolicy, scope: TargetScope): MonthTargets | undefined {
  const t = policy.targets
  if (scope.kind === 'organisation') return t?.default
  return scope.kind === 'team' ? t?.byTeam?.[scope.id] : t?.byRep[scope.id]
}

/** The targets a rep works to: their own, else their team's, else the organisation's. */
export function targetsFor(
  policy: ServicePolicy,
  rep: { id: string; teamId: string | null },
): MonthTargets | undefined {
  const t = policy.targets
  return t?.byRep[rep.id] ?? (rep.teamId ? t?.byTeam?.[rep.teamId] : undefined) ?? t?.default
}

/** The policy with `scope`'s targets replaced, or removed when `targets` is null. */
export function withTargets(
  policy: ServicePolicy,
  scope: TargetScope,
  targets: MonthTargets | null,
): ServicePolicy {
  const next: NonNullable<ServicePolicy['targets']> = { ...(policy.targets ?? { byRep: {} }) }
  const without = <V>(rec: Record<string, V> | undefined, id: string): Record<string, V> => {
    const copy = { ...rec }
    delete copy[id]
    return copy
  }
  if (scope.kind === 'organisation') {
    if (targets === null) delete next.default
    else next.default = targets
  } else if (scope.kind === 'team') {
    next.byTeam = { ...without(next.byTeam, scope.id), ...(targets ? { [scope.id]: targets } : {}) }
  } else {
    next.byRep = { ...without(next.byRep, scope.id), ...(targets ? { [scope.id]: targets } : {}) }
  }
  return { ...policy, targets: next }
}

import {
  activeServicePolicy,
  type ClassificationThresholds,
  type Complaint,
  type Customer,
  type CustomerFact,
  classifyCustomers,
  DEFAULT_TIME_ZONE,
  type Feedback,
  type Order,
  type ServicePolicy,
  type TagRule,
  type Tier,
  todayIn,
  type Visit,
} from '@outrider/domain'

export interface CustomerClass {
  tier: Tier
  /** RFM segment key, or `none` for a customer who has not bought. */
  segment: string
  score: number
}

/** The policy in force (the rule the server follows too), else the domain default before a sync. */
export const activePolicy = activeServicePolicy

/** Today in the organisation's time zone (the policy's): the day every screen and the server classify as of. */
export function organisationToday(policy: Pick<ServicePolicy, 'timeZone'> | null | undefined): string {
  return todayIn(policy?.timeZone ?? DEFAULT_TIME_ZONE)
}

/** What a supervisor's screens classify: the same records the phones and the export read. */
export interface TeamRecords {
  customers: readonly Customer[]
  orders: readonly Order[]
  visits: readonly Visit[]
  feedback: readonly Feedback[]
  tagRules: readonly TagRule[]
  /** Complaint records, as the phones read them (absent before they have loaded). */
  complaints?: readonly Complaint[]
}

/**
 * Tier, segment and score of every live customer as of a day (YYYY-MM-DD), by the domain's one
 * classification (`classifyCustomers`) over the local records, against the synced population thresholds
 * (null before any reached the device: then over these records). Records after `asOf` are ignored by it,
 * so the same data gives "then" and "now".
 */
export function teamClasses(
  records: TeamRecords,
  policy: ServicePolicy,
  asOf: string,
  thresholds: ClassificationThresholds | null,
): Map<string, CustomerClass> {
  const out = new Map<string, CustomerClass>()
  const result = classifyCustomers(
    // Zod's optional fields admit `undefined`; the classification reads them the same way.
    {
      customers: records.customers as readonly CustomerFact[],
      orders: records.orders,
      visits: records.visits,
      feedback: records.feedback,
      tagRules: records.tagRules,
      ...(records.complaints === undefined ? {} : { complaints: records.complaints }),
    },
    policy,
    asOf,
    { thresholds },
  )
  if (!result.ok) return out
  for (const p of result.value.profiles)
    out.set(p.customerId, { tier: p.tier, segment: p.segment ?? 'none', score: p.score })
  return out
}

import {
  type Customer,
  type CustomerFact,
  classifyCustomers,
  defaultServicePolicy,
  type Feedback,
  type Order,
  type ServicePolicy,
  type TagRule,
  type Tier,
  type Visit,
} from '@outrider/domain'

export interface CustomerClass {
  tier: Tier
  /** RFM segment key, or `none` for a customer who has not bought. */
  segment: string
}

/** The team's policy: the first one synced, else the domain default (so screens work before a sync). */
export function activePolicy(policies: readonly ServicePolicy[]): ServicePolicy {
  const sorted = [...policies].sort((a, b) => a.id.localeCompare(b.id))
  return sorted[0] ?? defaultServicePolicy
}

/**
 * Tier and segment of every live customer as of a day (YYYY-MM-DD), by the domain's one classification
 * (`classifyCustomers`) over the local records: those after `asOf` are ignored by it, so the same data
 * gives "then" and "now".
 */
export function teamClasses(
  customers: readonly Customer[],
  orders: readonly Order[],
  visits: readonly Visit[],
  policy: ServicePolicy,
  asOf: string,
  tagRules: readonly TagRule[] = [],
  feedback: readonly Feedback[] = [],
): Map<string, CustomerClass> {
  const out = new Map<string, CustomerClass>()
  const result = classifyCustomers(
    // Zod's optional fields admit `undefined`; the classification reads them the same way.
    { customers: customers as readonly CustomerFact[], orders, visits, feedback, tagRules },
    policy,
    asOf,
  )
  if (!result.ok) return out
  for (const p of result.value.profiles) out.set(p.customerId, { tier: p.tier, segment: p.segment ?? 'none' })
  return out
}

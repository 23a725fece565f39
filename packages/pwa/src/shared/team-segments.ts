import {
  type Customer,
  type CustomerFact,
  defaultServicePolicy,
  type Order,
  type ServicePolicy,
  segmentCustomers,
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
 * Tier and segment of every live customer as of a day (YYYY-MM-DD), from the local orders: records
 * after `asOf` are ignored by the segmentation, so the same data gives "then" and "now".
 */
export function classifyCustomers(
  customers: readonly Customer[],
  orders: readonly Order[],
  visits: readonly Visit[],
  policy: ServicePolicy,
  asOf: string,
  tagRules: readonly TagRule[] = [],
): Map<string, CustomerClass> {
  const out = new Map<string, CustomerClass>()
  const cutoff = `${asOf}T23:59:59.999Z`
  const result = segmentCustomers(
    {
      // Zod's optional fields admit `undefined`; the segmentation reads them the same way.
      customers: customers as readonly CustomerFact[],
      orders: orders.filter((o) => o.orderedAt <= cutoff),
      visits: visits.filter((v) => v.checkInAt <= cutoff),
      tagRules,
    },
    policy,
    asOf,
  )
  if (!result.ok) return out
  for (const p of result.value.profiles) out.set(p.customerId, { tier: p.tier, segment: p.segment ?? 'none' })
  return out
}

import type { ProfileFields, ProfileValue } from './evaluate-rule.ts'

/** What a customer record contributes to rule fields (a domain `Customer` fits). */
export interface CustomerFact {
  id: string
  status?: string
  city?: string
  district?: string
  industry?: string
  tags?: readonly string[]
  customFields?: Readonly<Record<string, string | number | boolean>>
  deleted?: boolean
  mergedInto?: string
}

/**
 * Fields a tag rule can test. Computed: recencyDays, frequency, monetary, r, f, m, rfm ("545"),
 * ordersLastYear, cluster, segment,
 * tier, lifecycle, score, value, potential, loyalty, risk, tags (behaviour tags and the customer's own),
 * averageOrderValue, firstPurchaseDaysAgo, medianGapDays, recentSpend, priorSpend, visits, answeredVisits,
 * daysSinceVisit, openComplaints, averageRating, visitEveryDays. From the customer record: status, city,
 * district, industry, and `custom.<key>` for each custom field. Absent facts are absent (rules on them are
 * false), never zero.
 */
export interface ComputedFields {
  recencyDays: number | null
  frequency: number
  monetary: number
  r: number
  f: number
  m: number
  /** The three scores as one code, e.g. "545"; absent without purchases. */
  rfm: string | null
  /** Orders in the last 365 days (what frequent_buyer and occasional count). */
  ordersLastYear: number
  segment: string | null
  tier: string
  lifecycle: string
  score: number
  value: number
  potential: number
  loyalty: number
  risk: number
  tags: readonly string[]
  averageOrderValue: number | null
  firstPurchaseDaysAgo: number | null
  medianGapDays: number | null
  recentSpend: number
  priorSpend: number
  visits: number
  answeredVisits: number
  daysSinceVisit: number | null
  openComplaints: number
  averageRating: number | null
  visitEveryDays: number
  /** The stable id of the team's cluster the customer is in (see `clusterIds`), when there is one. */
  cluster: string | null
}

export function profileFields(computed: ComputedFields, customer: CustomerFact | undefined): ProfileFields {
  const out: Record<string, ProfileValue> = Object.create(null)
  if (customer) {
    if (customer.status !== undefined) out.status = customer.status
    if (customer.city !== undefined) out.city = customer.city
    if (customer.district !== undefined) out.district = customer.district
    if (customer.industry !== undefined) out.industry = customer.industry
    if (customer.customFields) {
      for (const [k, v] of Object.entries(customer.customFields)) out[`custom.${k}`] = v
    }
  }
  for (const [k, v] of Object.entries(computed)) if (v !== null) out[k] = v as ProfileValue
  if (customer?.tags && customer.tags.length > 0) out.tags = [...computed.tags, ...customer.tags]
  return out
}

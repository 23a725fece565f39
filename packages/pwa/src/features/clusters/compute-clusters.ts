import {
  analyseClusters,
  type ClassificationThresholds,
  type ClusterAnalysis,
  type CustomerFact,
  classifyCustomers,
  type SegmentationResult,
  type ServicePolicy,
} from '@outrider/domain'
import type { TeamRecords } from '../../shared/team-segments.ts'

export interface ClusterInput {
  records: TeamRecords
  policy: ServicePolicy
  /** The organisation's today: the day every screen classifies as of. */
  asOf: string
  thresholds: ClassificationThresholds | null
}

/**
 * k-means for k = 2..8 over the team's live customers' R/F/M, read from the one classification every
 * screen uses (so the clusters are of the same recency, frequency and spend the phones show).
 */
export function computeClusters(input: ClusterInput): SegmentationResult<ClusterAnalysis> {
  const { records } = input
  const classified = classifyCustomers(
    {
      customers: records.customers as readonly CustomerFact[],
      orders: records.orders,
      visits: records.visits,
      feedback: records.feedback,
      tagRules: [],
      ...(records.complaints === undefined ? {} : { complaints: records.complaints }),
    },
    input.policy,
    input.asOf,
    { thresholds: input.thresholds },
  )
  if (!classified.ok) return classified
  const live = new Set(
    records.customers.filter((c) => !c.deleted && c.mergedInto === undefined).map((c) => c.id),
  )
  const rows = classified.value.profiles.filter((p) => live.has(p.customerId)).map((p) => p.rfm)
  return analyseClusters(rows, { seed: 0 })
}

import type { ServicePolicy } from '../model/service-policy.ts'
import type { ClassificationThresholds } from './classification-thresholds.ts'
import type { RfmScores } from './compute-rfm.ts'
import type { LifecycleStage } from './lifecycle-stage.ts'
import type { CustomerFact } from './profile-fields.ts'
import type { PurchaseTable } from './purchase-table.ts'
import { gridRow, segmentOf } from './rfm-segments.ts'
import { highLow, rfm8Segment } from './rfm8-segments.ts'
import { applyDeclaredTiers, tierIndexOf } from './value-tier.ts'

/**
 * The segment of customer `c` under the policy's model, read against the population's thresholds
 * (quintile scores, means): null for those who never bought.
 */
export function segmenter(
  policy: ServicePolicy,
  table: PurchaseTable,
  rfm: RfmScores,
  thresholds: ClassificationThresholds,
): (c: number, stage: LifecycleStage) => string | null {
  const model = policy.segmentModel ?? 'rfm8'
  const rule = policy.highLowRule ?? 'mean'
  const mean = thresholds.mean
  return (c, stage) => {
    const r = rfm.r[c] as number
    if (r === 0) return null
    if (model === 'rf_grid') return segmentOf(gridRow(r, stage), rfm.f[c] as number, policy.rfmGrid)
    const late = stage === 'at_risk' || stage === 'churned' ? stage : null
    const h = highLow(
      {
        rule,
        recencyDays: rfm.recencyDays[c] as number,
        frequency: table.frequency[c] as number,
        monetary: table.monetary[c] as number,
        r,
        f: rfm.f[c] as number,
        m: rfm.m[c] as number,
        meanRecencyDays: mean.recencyDays,
        meanFrequency: mean.frequency,
        meanMonetary: mean.monetary,
      },
      late,
    )
    return rfm8Segment(h.rHigh, h.fHigh, h.mHigh)
  }
}

/** Value tier by customer index (0 = A, 1 = B, 2 = C): the money thresholds, then tiers customers declare. */
export function tierIndices(
  table: PurchaseTable,
  thresholds: ClassificationThresholds,
  live: readonly CustomerFact[],
): Uint8Array {
  const n = table.customerIds.length
  const tierIndex = new Uint8Array(n)
  for (let c = 0; c < n; c++) tierIndex[c] = tierIndexOf(table.monetary[c] as number, thresholds.tierMoney)
  applyDeclaredTiers(tierIndex, table.monetary, live, table.indexOf)
  return tierIndex
}

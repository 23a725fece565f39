import { z } from 'zod'
import { explain, type Explanation, type Label, plural } from './explanation.ts'
import type { PurchaseTable } from './purchase-table.ts'

export const lifecycleStageSchema = z.enum(['prospect', 'new', 'active', 'loyal', 'at_risk', 'churned'])
export type LifecycleStage = z.infer<typeof lifecycleStageSchema>

export const lifecycleStageLabels: Record<LifecycleStage, Label> = {
  prospect: { en: 'Prospect', zh: '潜在客户' },
  new: { en: 'New', zh: '新客户' },
  active: { en: 'Active', zh: '活跃客户' },
  loyal: { en: 'Loyal', zh: '忠诚客户' },
  at_risk: { en: 'At risk', zh: '流失预警' },
  churned: { en: 'Churned', zh: '已流失' },
}

/**
 * Lifecycle rules, first match wins:
 * 1. no purchase → prospect;
 * 2. first purchase at most `newWithinDays` ago → new;
 * 3. with a rhythm (≥ `rhythmMinOrders` orders on ≥ 3 distinct days): gap = median days between purchase
 *    days; churned if silent longer than max(`churnedGaps` × gap, `churnedFloorDays`), at risk if longer
 *    than max(`atRiskGaps` × gap, `atRiskFloorDays`) — a weekly buyer is late sooner than a quarterly one;
 * 4. without a rhythm: churned after `churnedDays`, at risk after `atRiskDays` of silence;
 * 5. loyal with ≥ `loyalMinOrders` orders over ≥ `loyalMinTenureDays` days, otherwise active.
 */
export interface LifecycleRules {
  newWithinDays: number
  rhythmMinOrders: number
  atRiskGaps: number
  churnedGaps: number
  atRiskFloorDays: number
  churnedFloorDays: number
  atRiskDays: number
  churnedDays: number
  loyalMinOrders: number
  loyalMinTenureDays: number
}

export const defaultLifecycleRules: LifecycleRules = {
  newWithinDays: 30,
  rhythmMinOrders: 3,
  atRiskGaps: 2,
  churnedGaps: 4,
  atRiskFloorDays: 14,
  churnedFloorDays: 45,
  atRiskDays: 90,
  churnedDays: 180,
  loyalMinOrders: 5,
  loyalMinTenureDays: 90,
}

export const LIFECYCLE_STAGES = lifecycleStageSchema.options

export interface Lifecycles {
  /** Index into `LIFECYCLE_STAGES`, by customer index. */
  stage: Uint8Array
  /** Median days between distinct purchase days; 0 when there is no rhythm. */
  medianGapDays: Float64Array
}

const PROSPECT = 0
const NEW = 1
const ACTIVE = 2
const LOYAL = 3
const AT_RISK = 4
const CHURNED = 5

/** Lifecycle stage of every customer of a purchase table. */
export function lifecycleStages(table: PurchaseTable, rules: LifecycleRules): Lifecycles {
  const n = table.customerIds.length
  const stage = new Uint8Array(n)
  const medianGapDays = new Float64Array(n)
  let most = 1
  for (let c = 0; c < n; c++) most = Math.max(most, (table.orderStart[c + 1] as number) - (table.orderStart[c] as number))
  const gaps = new Int32Array(most)
  for (let c = 0; c < n; c++) {
    const a = table.orderStart[c] as number
    const b = table.orderStart[c + 1] as number
    if (b === a) {
      stage[c] = PROSPECT
      continue
    }
    const recency = table.asOfDay - (table.lastDay[c] as number)
    const tenure = table.asOfDay - (table.firstDay[c] as number)
    if (tenure <= rules.newWithinDays) {
      stage[c] = NEW
      continue
    }
    let g = 0
    if (b - a >= rules.rhythmMinOrders) {
      for (let k = a + 1; k < b; k++) {
        const gap = (table.orderDay[k] as number) - (table.orderDay[k - 1] as number)
        if (gap > 0) gaps[g++] = gap
      }
    }
    let atRisk = rules.atRiskDays
    let churned = rules.churnedDays
    if (g >= 2) {
      const sorted = gaps.subarray(0, g).sort()
      const mid = g >> 1
      const median = g % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
      medianGapDays[c] = median
      atRisk = Math.max(rules.atRiskGaps * median, rules.atRiskFloorDays)
      churned = Math.max(rules.churnedGaps * median, rules.churnedFloorDays)
    }
    if (recency > churned) stage[c] = CHURNED
    else if (recency > atRisk) stage[c] = AT_RISK
    else if (b - a >= rules.loyalMinOrders && tenure >= rules.loyalMinTenureDays) stage[c] = LOYAL
    else stage[c] = ACTIVE
  }
  return { stage, medianGapDays }
}

/** The facts behind a customer's stage: the silence rule, plus the loyalty rule for loyal customers. */
export function explainLifecycle(
  stage: LifecycleStage,
  rules: LifecycleRules,
  facts: { recencyDays: number; frequency: number; tenureDays: number; medianGapDays: number },
): Explanation[] {
  const first = explainSilence(stage, rules, facts)
  if (stage !== 'loyal') return [first]
  return [
    first,
    explain(
      'lifecycle.loyal',
      { frequency: facts.frequency, tenureDays: facts.tenureDays, loyalMinOrders: rules.loyalMinOrders },
      `${plural(facts.frequency, 'order')} over ${facts.tenureDays} days (loyal: ≥ ${rules.loyalMinOrders} orders over ≥ ${rules.loyalMinTenureDays} days) → Loyal`,
      `${facts.tenureDays}天内共${facts.frequency}笔订单（至少${rules.loyalMinOrders}笔订单且首购至少${rules.loyalMinTenureDays}天即为忠诚客户）→ 忠诚客户`,
    ),
  ]
}

function explainSilence(
  stage: LifecycleStage,
  rules: LifecycleRules,
  facts: { recencyDays: number; frequency: number; tenureDays: number; medianGapDays: number },
): Explanation {
  const label = lifecycleStageLabels[stage]
  const { recencyDays, frequency, tenureDays, medianGapDays } = facts
  if (stage === 'prospect') return explain('lifecycle.prospect', {}, 'Never bought → Prospect', '从未购买 → 潜在客户')
  if (stage === 'new') {
    return explain(
      'lifecycle.new',
      { tenureDays, newWithinDays: rules.newWithinDays },
      `First purchase ${plural(tenureDays, 'day')} ago (within ${rules.newWithinDays}) → New`,
      `首次购买在${tenureDays}天前（${rules.newWithinDays}天内）→ 新客户`,
    )
  }
  if (medianGapDays > 0) {
    const atRisk = Math.max(rules.atRiskGaps * medianGapDays, rules.atRiskFloorDays)
    const churned = Math.max(rules.churnedGaps * medianGapDays, rules.churnedFloorDays)
    return explain(
      'lifecycle.rhythm',
      { recencyDays, frequency, medianGapDays, atRiskAfterDays: atRisk, churnedAfterDays: churned, stage },
      `Usually buys every ${medianGapDays} days (${plural(frequency, 'order')}); silent for ${recencyDays} (at risk after ${atRisk}, churned after ${churned}) → ${label.en}`,
      `通常每${medianGapDays}天购买一次（共${frequency}笔订单）；已${recencyDays}天未购买（超过${atRisk}天为流失预警，超过${churned}天为已流失）→ ${label.zh}`,
    )
  }
  return explain(
    'lifecycle.fixed',
    { recencyDays, frequency, atRiskAfterDays: rules.atRiskDays, churnedAfterDays: rules.churnedDays, stage },
    `${plural(frequency, 'order')}, too few for a rhythm; silent for ${recencyDays} days (at risk after ${rules.atRiskDays}, churned after ${rules.churnedDays}) → ${label.en}`,
    `共${frequency}笔订单，不足以判断购买节奏；已${recencyDays}天未购买（超过${rules.atRiskDays}天为流失预警，超过${rules.churnedDays}天为已流失）→ ${label.zh}`,
  )
}

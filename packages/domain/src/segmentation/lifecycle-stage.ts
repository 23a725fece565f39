import { z } from 'zod'
import { type Explanation, explanation, type Label, plural } from './explanation.ts'
import type { PurchaseTable } from './purchase-table.ts'
import { sortRange } from './quintile-scores.ts'

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
  for (let c = 0; c < n; c++)
    most = Math.max(most, (table.orderStart[c + 1] as number) - (table.orderStart[c] as number))
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
      sortRange(gaps, 0, g)
      const sorted = gaps
      const mid = g >> 1
      const median =
        g % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
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

const prospect = explanation('lifecycle.prospect', () => ['Never bought → Prospect', '从未购买 → 潜在客户'])

const isNew = explanation('lifecycle.new', (p: { tenureDays: number; newWithinDays: number }) => [
  `First purchase ${plural(p.tenureDays, 'day')} ago (within ${p.newWithinDays}) → New`,
  `首次购买在${p.tenureDays}天前（${p.newWithinDays}天内）→ 新客户`,
])

type Silence = {
  recencyDays: number
  frequency: number
  atRiskAfterDays: number
  churnedAfterDays: number
  stage: string
}

const byRhythm = explanation('lifecycle.rhythm', (p: Silence & { medianGapDays: number }) => {
  const label = lifecycleStageLabels[p.stage as LifecycleStage]
  return [
    `Usually buys every ${p.medianGapDays} days (${plural(p.frequency, 'order')}); silent for ${p.recencyDays} (at risk after ${p.atRiskAfterDays}, churned after ${p.churnedAfterDays}) → ${label.en}`,
    `通常每${p.medianGapDays}天购买一次（共${p.frequency}笔订单）；已${p.recencyDays}天未购买（超过${p.atRiskAfterDays}天为流失预警，超过${p.churnedAfterDays}天为已流失）→ ${label.zh}`,
  ]
})

const byFixedThresholds = explanation('lifecycle.fixed', (p: Silence) => {
  const label = lifecycleStageLabels[p.stage as LifecycleStage]
  return [
    `${plural(p.frequency, 'order')}, too few for a rhythm; silent for ${p.recencyDays} days (at risk after ${p.atRiskAfterDays}, churned after ${p.churnedAfterDays}) → ${label.en}`,
    `共${p.frequency}笔订单，不足以判断购买节奏；已${p.recencyDays}天未购买（超过${p.atRiskAfterDays}天为流失预警，超过${p.churnedAfterDays}天为已流失）→ ${label.zh}`,
  ]
})

const loyal = explanation(
  'lifecycle.loyal',
  (p: { frequency: number; tenureDays: number; loyalMinOrders: number; loyalMinTenureDays: number }) => [
    `${plural(p.frequency, 'order')} over ${p.tenureDays} days (loyal: ≥ ${p.loyalMinOrders} orders over ≥ ${p.loyalMinTenureDays} days) → Loyal`,
    `${p.tenureDays}天内共${p.frequency}笔订单（至少${p.loyalMinOrders}笔订单且首购至少${p.loyalMinTenureDays}天即为忠诚客户）→ 忠诚客户`,
  ],
)

/** The facts behind a customer's stage: the silence rule, plus the loyalty rule for loyal customers. */
export function explainLifecycle(
  stage: LifecycleStage,
  rules: LifecycleRules,
  facts: { recencyDays: number; frequency: number; tenureDays: number; medianGapDays: number },
): Explanation[] {
  const { recencyDays, frequency, tenureDays, medianGapDays } = facts
  if (stage === 'prospect') return [prospect({})]
  if (stage === 'new') return [isNew({ tenureDays, newWithinDays: rules.newWithinDays })]
  const first =
    medianGapDays > 0
      ? byRhythm({
          recencyDays,
          frequency,
          medianGapDays,
          atRiskAfterDays: Math.max(rules.atRiskGaps * medianGapDays, rules.atRiskFloorDays),
          churnedAfterDays: Math.max(rules.churnedGaps * medianGapDays, rules.churnedFloorDays),
          stage,
        })
      : byFixedThresholds({
          recencyDays,
          frequency,
          atRiskAfterDays: rules.atRiskDays,
          churnedAfterDays: rules.churnedDays,
          stage,
        })
  if (stage !== 'loyal') return [first]
  const { loyalMinOrders, loyalMinTenureDays } = rules
  return [first, loyal({ frequency, tenureDays, loyalMinOrders, loyalMinTenureDays })]
}

import type { ServicePolicy } from '../model/service-policy.ts'
import { type Explanation, explanation } from './explanation.ts'
import type { LifecycleStage } from './lifecycle-stage.ts'

export type ScoreWeights = ServicePolicy['scoreWeights']

/** Score components, each 0–100. Risk counts against the score (it enters as 100 − risk). */
export type ScoreParts = {
  value: number
  potential: number
  loyalty: number
  risk: number
}

/** Facts the components are built from (percentiles 0..1 among buyers, higher = better). */
export interface ScoreFacts {
  buyer: boolean
  monetaryPct: number
  frequencyPct: number
  recencyPct: number
  recentSpend: number
  priorSpend: number
  lifecycle: LifecycleStage
  openComplaints: number
}

const LIFECYCLE_RISK: Record<LifecycleStage, number> = {
  prospect: 0,
  new: 20,
  active: 10,
  loyal: 0,
  at_risk: 60,
  churned: 90,
}

/**
 * value = spend percentile; loyalty = order-count percentile; potential = half recency percentile, half
 * spend trend (last 90 days vs the 90 before: 1 when doubled, 0.5 when flat or unknown, 0 when stopped);
 * risk = by lifecycle stage, +20 for an open complaint, +10 for spend down by half. Prospects: potential 50.
 */
export function scoreParts(x: ScoreFacts): ScoreParts {
  if (!x.buyer) return { value: 0, potential: 50, loyalty: 0, risk: 0 }
  const trend =
    x.priorSpend > 0 ? Math.min(1, x.recentSpend / x.priorSpend / 2) : x.recentSpend > 0 ? 0.75 : 0.5
  let risk = LIFECYCLE_RISK[x.lifecycle]
  if (x.openComplaints > 0) risk += 20
  if (x.priorSpend > 0 && x.recentSpend < x.priorSpend / 2) risk += 10
  return {
    value: Math.round(x.monetaryPct * 100),
    potential: Math.round((x.recencyPct * 0.5 + trend * 0.5) * 100),
    loyalty: Math.round(x.frequencyPct * 100),
    risk: Math.min(100, risk),
  }
}

/** Weighted mean of the components, 0–100; all-zero weights count equally. */
export function customerScore(parts: ScoreParts, weights: ScoreWeights): number {
  let { value, potential, loyalty, risk } = weights
  let total = value + potential + loyalty + risk
  if (!(total > 0)) {
    value = potential = loyalty = risk = 1
    total = 4
  }
  const s =
    (value * parts.value +
      potential * parts.potential +
      loyalty * parts.loyalty +
      risk * (100 - parts.risk)) /
    total
  return Math.max(0, Math.min(100, Math.round(s)))
}

const weighted = explanation(
  'score.weighted',
  (
    p: ScoreParts & { score: number; wValue: number; wPotential: number; wLoyalty: number; wRisk: number },
  ) => {
    const w = (x: number) => x.toFixed(2)
    return [
      `Score ${p.score} = weighted mean of value ${p.value} (×${w(p.wValue)}), potential ${p.potential} (×${w(p.wPotential)}), loyalty ${p.loyalty} (×${w(p.wLoyalty)}), 100 − risk ${p.risk} (×${w(p.wRisk)})`,
      `客户评分${p.score} = 价值${p.value}（×${w(p.wValue)}）、潜力${p.potential}（×${w(p.wPotential)}）、忠诚度${p.loyalty}（×${w(p.wLoyalty)}）、100 − 风险${p.risk}（×${w(p.wRisk)}）的加权平均`,
    ]
  },
)

/** "Score 72 = weighted mean of value 80 (×0.40), …". */
export function explainScore(score: number, parts: ScoreParts, weights: ScoreWeights): Explanation {
  return weighted({
    score,
    ...parts,
    wValue: weights.value,
    wPotential: weights.potential,
    wLoyalty: weights.loyalty,
    wRisk: weights.risk,
  })
}

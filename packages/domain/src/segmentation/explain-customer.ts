import type { Tier } from '../model/customer.ts'
import type { ServicePolicy } from '../model/service-policy.ts'
import { behaviourTags, type TagContext } from './behaviour-tags.ts'
import type { ClassificationThresholds } from './classification-thresholds.ts'
import type { RfmScores } from './compute-rfm.ts'
import type { CustomerProfile, ProfileExplanations } from './customer-profile.ts'
import { explainScore } from './customer-score.ts'
import { type Explanation, explanation, type Label } from './explanation.ts'
import {
  explainLifecycle,
  type LifecycleRules,
  type LifecycleStage,
  type Lifecycles,
  lifecycleStageLabels,
} from './lifecycle-stage.ts'
import { explainGridSegment, segmentLabel } from './rfm-segments.ts'
import { explainRfm8, type Rfm8Segment } from './rfm8-segments.ts'
import { explainTier } from './value-tier.ts'

/** Everything a pass computed, kept so a profile can explain itself later. */
export interface PassContext {
  index: ReadonlyMap<string, number>
  rfm: RfmScores
  /** 0 = A, 1 = B, 2 = C by customer index. */
  tierIndex: Uint8Array
  thresholds: ClassificationThresholds
  life: Lifecycles
  tagContext: TagContext
  policy: ServicePolicy
  lifecycleRules: LifecycleRules
  /** Label of each user-rule tag. */
  ruleLabels: ReadonlyMap<string, Label>
}

const tierCadence = explanation('visit.tier', (p: { tier: string; everyDays: number }) => [
  `Tier ${p.tier}: visit every ${p.everyDays} days`,
  `${p.tier}类客户：每${p.everyDays}天拜访一次`,
])

const overrideCadence = explanation('visit.override', (p: { key: string; everyDays: number }) => {
  const name = Object.hasOwn(lifecycleStageLabels, p.key)
    ? lifecycleStageLabels[p.key as LifecycleStage]
    : segmentLabel(p.key)
  return [
    `${name.en}: visit sooner, every ${p.everyDays} days`,
    `${name.zh}：提前拜访，每${p.everyDays}天一次`,
  ]
})

const ruleMatched = explanation('tag.rule', (p: { tag: string; en: string; zh: string }) => [
  `Matches the rule "${p.en}"`,
  `符合规则“${p.zh}”`,
])

/**
 * Visit cadence: the tier's, or a sooner override for the customer's segment or lifecycle stage
 * (`segmentOverrides` keys may name either). With `why`, records each step.
 */
export function visitEveryDaysFor(
  policy: ServicePolicy,
  tier: Tier,
  segment: string | null,
  stage: LifecycleStage,
  why: Explanation[] | null = null,
): number {
  let days = policy.tiers[tier].visitEveryDays
  why?.push(tierCadence({ tier, everyDays: days }))
  const overrides = policy.segmentOverrides
  for (let i = 0; i < 2; i++) {
    const key = i === 0 ? segment : stage
    const o = key !== null && Object.hasOwn(overrides, key) ? overrides[key] : undefined
    if (o && o.visitEveryDays < days) {
      days = o.visitEveryDays
      why?.push(overrideCadence({ key: key as string, everyDays: days }))
    }
  }
  return days
}

/** The explanations of one profile, rebuilt from the pass's arrays. */
export function explainCustomer(
  ctx: PassContext,
  p: Omit<CustomerProfile, 'explanations'>,
): ProfileExplanations {
  const c = ctx.index.get(p.customerId) as number
  const { table } = ctx.tagContext
  const frequency = table.frequency[c] as number
  const recencyDays = ctx.rfm.recencyDays[c] as number
  const tags: Explanation[] = []
  const behaviour = behaviourTags(ctx.tagContext, c, tags)
  for (const tag of p.tags.slice(behaviour.length)) {
    const label = ctx.ruleLabels.get(tag) ?? { en: tag, zh: tag }
    tags.push(ruleMatched({ tag, en: label.en, zh: label.zh }))
  }
  const cadence: Explanation[] = []
  visitEveryDaysFor(ctx.policy, p.tier, p.segment, p.lifecycle, cadence)
  return {
    segment: [explainSegment(ctx, p)],
    tier: [explainTier(ctx.tierIndex[c] as number, p.rfm.monetary, ctx.policy.tierShares, ctx.thresholds)],
    lifecycle: explainLifecycle(p.lifecycle, ctx.lifecycleRules, {
      recencyDays,
      frequency,
      tenureDays: frequency > 0 ? table.asOfDay - (table.firstDay[c] as number) : 0,
      medianGapDays: ctx.life.medianGapDays[c] as number,
    }),
    tags,
    score: [explainScore(p.score, p.scoreParts, ctx.policy.scoreWeights)],
    visitCadence: cadence,
  }
}

/** The segment's reason: the three comparisons of the Chinese RFM model, or the R×F grid cell. */
function explainSegment(ctx: PassContext, p: Omit<CustomerProfile, 'explanations'>): Explanation {
  const recencyDays = p.rfm.recencyDays ?? 0
  if (p.segment === null || (ctx.policy.segmentModel ?? 'rfm8') === 'rf_grid')
    return explainGridSegment(p.segment, recencyDays, p.rfm.frequency, p.rfm.r, p.rfm.f, p.lifecycle)
  const mean = ctx.thresholds.mean
  return explainRfm8(p.segment as Rfm8Segment, {
    rule: ctx.policy.highLowRule ?? 'mean',
    recencyDays,
    frequency: p.rfm.frequency,
    monetary: p.rfm.monetary,
    r: p.rfm.r,
    f: p.rfm.f,
    m: p.rfm.m,
    meanRecencyDays: mean.recencyDays,
    meanFrequency: mean.frequency,
    meanMonetary: mean.monetary,
    lateStage: p.lifecycle === 'at_risk' || p.lifecycle === 'churned' ? p.lifecycle : null,
  })
}

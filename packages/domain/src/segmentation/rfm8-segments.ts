import { z } from 'zod'
import type { HighLowRule } from '../model/service-policy.ts'
import { type Explanation, explanation, type Label, money } from './explanation.ts'
import { type LifecycleStage, lifecycleStageLabels } from './lifecycle-stage.ts'

/**
 * The Chinese RFM model (RFM 八大客户类型): recency, frequency and monetary each high or low, eight
 * segments. "R high" means recent. The keys are what `pnpm cli segment` prints.
 */
export const rfm8SegmentSchema = z.enum([
  'important_value',
  'important_develop',
  'important_retain',
  'important_winback',
  'general_value',
  'general_develop',
  'general_retain',
  'general_winback',
])
export type Rfm8Segment = z.infer<typeof rfm8SegmentSchema>

export const rfm8SegmentLabels: Record<Rfm8Segment, Label> = {
  important_value: { en: 'Important value', zh: '重要价值客户' },
  important_develop: { en: 'Important to develop', zh: '重要发展客户' },
  important_retain: { en: 'Important to retain', zh: '重要保持客户' },
  important_winback: { en: 'Important to win back', zh: '重要挽留客户' },
  general_value: { en: 'General value', zh: '一般价值客户' },
  general_develop: { en: 'General to develop', zh: '一般发展客户' },
  general_retain: { en: 'General to retain', zh: '一般保持客户' },
  general_winback: { en: 'General to win back', zh: '一般挽留客户' },
}

/** The segment of R, F and M high (true) or low: M picks important/general, R and F the rest. */
export function rfm8Segment(rHigh: boolean, fHigh: boolean, mHigh: boolean): Rfm8Segment {
  const prefix = mHigh ? 'important' : 'general'
  const kind = rHigh ? (fHigh ? 'value' : 'develop') : fHigh ? 'retain' : 'winback'
  return `${prefix}_${kind}` as Rfm8Segment
}

/** One customer's three comparisons. */
export interface HighLowFacts {
  rule: HighLowRule
  recencyDays: number
  frequency: number
  monetary: number
  r: number
  f: number
  m: number
  meanRecencyDays: number
  meanFrequency: number
  meanMonetary: number
  /** Set when the lifecycle stage (at risk, churned) overrules a recency that would count as high. */
  lateStage: string | null
}

/**
 * High or low against the rule: `mean` — R high when the last purchase is no longer ago than the mean,
 * F and M high at or above their means; `score3` — a score of 3 or more. A customer the lifecycle calls
 * at risk or churned is never "recent": the lifecycle alone speaks of churn, and the segment agrees.
 */
export function highLow(x: Omit<HighLowFacts, 'lateStage'>, lateStage: string | null) {
  const byMean = x.rule === 'mean'
  const rRecent = byMean ? x.recencyDays <= x.meanRecencyDays : x.r >= 3
  return {
    rHigh: rRecent && lateStage === null,
    fHigh: byMean ? x.frequency >= x.meanFrequency : x.f >= 3,
    mHigh: byMean ? x.monetary >= x.meanMonetary : x.m >= 3,
  }
}

const round1 = (x: number) => (Math.round(x * 10) / 10).toString()

const byComparisons = explanation(
  'segment.rfm8',
  (p: {
    segment: string
    rule: string
    recencyDays: number
    frequency: number
    monetary: number
    r: number
    f: number
    m: number
    meanRecencyDays: number
    meanFrequency: number
    meanMonetary: number
    rHigh: number
    fHigh: number
    mHigh: number
    lateStage: string
  }) => {
    const name = rfm8SegmentLabels[p.segment as Rfm8Segment] ?? { en: p.segment, zh: p.segment }
    const hl = (h: number) => (h ? ['high', '高'] : ['low', '低'])
    const [rEn, rZh] = hl(p.rHigh)
    const [fEn, fZh] = hl(p.fHigh)
    const [mEn, mZh] = hl(p.mHigh)
    const stage = lifecycleStageLabels[p.lateStage as LifecycleStage]
    const late = stage === undefined ? ['', ''] : [` but lifecycle: ${stage.en}`, `，但生命周期为${stage.zh}`]
    if (p.rule === 'score3') {
      return [
        `R=${p.r} (last purchase ${p.recencyDays} days ago)${late[0]} → R ${rEn}; F=${p.f} (${p.frequency} orders) → F ${fEn}; M=${p.m} (spend ${money(p.monetary)}) → M ${mEn}; high means a score of 3 or more → ${name.en}`,
        `R=${p.r}（最近一次购买在${p.recencyDays}天前）${late[1]} → R${rZh}；F=${p.f}（${p.frequency}笔订单）→ F${fZh}；M=${p.m}（消费${money(p.monetary)}）→ M${mZh}；评分不低于3即为高 → ${name.zh}`,
      ]
    }
    return [
      `Last purchase ${p.recencyDays} days ago vs mean ${round1(p.meanRecencyDays)}${late[0]} → R ${rEn}; ${p.frequency} orders vs mean ${round1(p.meanFrequency)} → F ${fEn}; spend ${money(p.monetary)} vs mean ${money(p.meanMonetary)} → M ${mEn} → ${name.en}`,
      `最近一次购买在${p.recencyDays}天前，平均${round1(p.meanRecencyDays)}天${late[1]} → R${rZh}；${p.frequency}笔订单，平均${round1(p.meanFrequency)}笔 → F${fZh}；消费${money(p.monetary)}，平均${money(p.meanMonetary)} → M${mZh} → ${name.zh}`,
    ]
  },
)

/** "Last purchase 12 days ago vs mean 80.5 → R high; 8 orders vs mean 3.2 → F high; … → Important value". */
export function explainRfm8(segment: Rfm8Segment, x: HighLowFacts): Explanation {
  const h = highLow(x, x.lateStage)
  return byComparisons({
    segment,
    rule: x.rule,
    recencyDays: x.recencyDays,
    frequency: x.frequency,
    monetary: x.monetary,
    r: x.r,
    f: x.f,
    m: x.m,
    meanRecencyDays: x.meanRecencyDays,
    meanFrequency: x.meanFrequency,
    meanMonetary: x.meanMonetary,
    rHigh: h.rHigh ? 1 : 0,
    fHigh: h.fHigh ? 1 : 0,
    mHigh: h.mHigh ? 1 : 0,
    lateStage: x.lateStage ?? '',
  })
}

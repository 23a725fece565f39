import { z } from 'zod'
import { type Explanation, explanation, type Label, plural } from './explanation.ts'

export const rfmSegmentSchema = z.enum([
  'champions',
  'loyal',
  'potential_loyalist',
  'new',
  'promising',
  'need_attention',
  'about_to_sleep',
  'at_risk',
  'cant_lose',
  'hibernating',
  'lost',
])
export type RfmSegment = z.infer<typeof rfmSegmentSchema>

/** Names in the vocabulary Chinese CRM teams use (重要价值/重要挽留客户 come from the RFM 8-class scheme). */
export const rfmSegmentLabels: Record<RfmSegment, Label> = {
  champions: { en: 'Champions', zh: '重要价值客户' },
  loyal: { en: 'Loyal', zh: '忠诚客户' },
  potential_loyalist: { en: 'Potential loyalist', zh: '潜力客户' },
  new: { en: 'New', zh: '新客户' },
  promising: { en: 'Promising', zh: '有望客户' },
  need_attention: { en: 'Need attention', zh: '需要关注客户' },
  about_to_sleep: { en: 'About to sleep', zh: '即将沉睡客户' },
  at_risk: { en: 'At risk', zh: '有流失风险客户' },
  cant_lose: { en: "Can't lose them", zh: '重要挽留客户' },
  hibernating: { en: 'Hibernating', zh: '休眠客户' },
  lost: { en: 'Lost', zh: '已流失客户' },
}

/**
 * Default R×F grid (`rfmGrid[r − 1][f − 1]`), the widely used RFM segment map:
 *
 * | R \ F | F1             | F2                 | F3                 | F4        | F5        |
 * |-------|----------------|--------------------|--------------------|-----------|-----------|
 * | R5    | new            | potential_loyalist | potential_loyalist | champions | champions |
 * | R4    | promising      | potential_loyalist | potential_loyalist | loyal     | loyal     |
 * | R3    | about_to_sleep | about_to_sleep     | need_attention     | loyal     | loyal     |
 * | R2    | hibernating    | hibernating        | at_risk            | at_risk   | cant_lose |
 * | R1    | lost           | hibernating        | at_risk            | at_risk   | cant_lose |
 */
export const defaultRfmGrid: RfmSegment[][] = [
  ['lost', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal'],
  ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
]

/** Bilingual name of a segment key; a key a policy invented is shown as written. */
export function segmentLabel(key: string): Label {
  return Object.hasOwn(rfmSegmentLabels, key) ? rfmSegmentLabels[key as RfmSegment] : { en: key, zh: key }
}

/** Segment of scores r, f (1–5) in a 5×5 grid; null when either score is missing (no purchases). */
export function segmentOf(r: number, f: number, grid: readonly (readonly string[])[]): string | null {
  if (r < 1 || r > 5 || f < 1 || f > 5) return null
  return grid[r - 1]?.[f - 1] ?? null
}

const noPurchases = explanation('segment.no_purchases', () => [
  'No purchases yet → no RFM segment',
  '尚无购买记录 → 暂无RFM分群',
])

const byRecencyFrequency = explanation(
  'segment.rf',
  (p: { recencyDays: number; frequency: number; r: number; f: number; segment: string }) => {
    const name = segmentLabel(p.segment)
    return [
      `Last purchase ${plural(p.recencyDays, 'day')} ago (R=${p.r}), ${plural(p.frequency, 'order')} (F=${p.f}) → ${name.en}`,
      `最近一次购买在${p.recencyDays}天前（R=${p.r}），共${p.frequency}笔订单（F=${p.f}）→ ${name.zh}`,
    ]
  },
)

/** "Last purchase 12 days ago (R=5), 8 orders (F=4) → Champions". */
export function explainSegment(
  segment: string | null,
  recencyDays: number,
  frequency: number,
  r: number,
  f: number,
): Explanation {
  return segment === null ? noPurchases({}) : byRecencyFrequency({ recencyDays, frequency, r, f, segment })
}

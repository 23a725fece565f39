import { z } from 'zod'
import { type Explanation, explanation, type Label, plural } from './explanation.ts'
import { type LifecycleStage, lifecycleStageLabels } from './lifecycle-stage.ts'
import { type Rfm8Segment, rfm8SegmentLabels, rfm8SegmentSchema } from './rfm8-segments.ts'

/**
 * The R×F grid's segments (`segmentModel: 'rf_grid'`), named apart from the Chinese RFM model's
 * (`rfm8-segments.ts`) and from the lifecycle stages, which alone speak of churn.
 */
export const rfmSegmentSchema = z.enum([
  'rf_champions',
  'rf_loyal',
  'rf_potential_loyalist',
  'rf_recent',
  'rf_promising',
  'rf_need_attention',
  'rf_about_to_sleep',
  'rf_slipping',
  'rf_cant_lose',
  'rf_hibernating',
  'rf_dormant',
])
export type RfmSegment = z.infer<typeof rfmSegmentSchema>

export const rfmSegmentLabels: Record<RfmSegment, Label> = {
  rf_champions: { en: 'R×F Champions', zh: 'R×F 冠军客户' },
  rf_loyal: { en: 'R×F Loyal buyers', zh: 'R×F 常购客户' },
  rf_potential_loyalist: { en: 'R×F Potential loyalists', zh: 'R×F 潜力常购客户' },
  rf_recent: { en: 'R×F Recent first buyers', zh: 'R×F 新近首购客户' },
  rf_promising: { en: 'R×F Promising', zh: 'R×F 有望客户' },
  rf_need_attention: { en: 'R×F Need attention', zh: 'R×F 需关注客户' },
  rf_about_to_sleep: { en: 'R×F About to sleep', zh: 'R×F 将沉睡客户' },
  rf_slipping: { en: 'R×F Slipping', zh: 'R×F 购买放缓客户' },
  rf_cant_lose: { en: "R×F Can't lose", zh: 'R×F 不可失客户' },
  rf_hibernating: { en: 'R×F Hibernating', zh: 'R×F 休眠客户' },
  rf_dormant: { en: 'R×F Dormant', zh: 'R×F 沉寂客户' },
}

/**
 * The R×F grid (`rfmGrid[r − 1][f − 1]`), used when the policy's `segmentModel` is `rf_grid`:
 *
 * | R \ F | F1             | F2                    | F3                    | F4          | F5           |
 * |-------|----------------|-----------------------|-----------------------|-------------|--------------|
 * | R5    | recent         | potential_loyalist    | potential_loyalist    | champions   | champions    |
 * | R4    | promising      | potential_loyalist    | potential_loyalist    | loyal       | loyal        |
 * | R3    | about_to_sleep | about_to_sleep        | need_attention        | loyal       | loyal        |
 * | R2    | hibernating    | hibernating           | slipping              | slipping    | cant_lose    |
 * | R1    | dormant        | hibernating           | slipping              | slipping    | cant_lose    |
 *
 * (each key with the `rf_` prefix).
 */
export const defaultRfmGrid: RfmSegment[][] = [
  ['rf_dormant', 'rf_hibernating', 'rf_slipping', 'rf_slipping', 'rf_cant_lose'],
  ['rf_hibernating', 'rf_hibernating', 'rf_slipping', 'rf_slipping', 'rf_cant_lose'],
  ['rf_about_to_sleep', 'rf_about_to_sleep', 'rf_need_attention', 'rf_loyal', 'rf_loyal'],
  ['rf_promising', 'rf_potential_loyalist', 'rf_potential_loyalist', 'rf_loyal', 'rf_loyal'],
  ['rf_recent', 'rf_potential_loyalist', 'rf_potential_loyalist', 'rf_champions', 'rf_champions'],
]

/** Every segment key the app names: the Chinese RFM model's eight, then the R×F grid's. */
export const segmentKeys: readonly string[] = [...rfm8SegmentSchema.options, ...rfmSegmentSchema.options]

/** Bilingual name of a segment key; a key a policy invented is shown as written. */
export function segmentLabel(key: string): Label {
  if (Object.hasOwn(rfm8SegmentLabels, key)) return rfm8SegmentLabels[key as Rfm8Segment]
  return Object.hasOwn(rfmSegmentLabels, key) ? rfmSegmentLabels[key as RfmSegment] : { en: key, zh: key }
}

/**
 * The highest R row of the grid for a customer the lifecycle calls at risk or churned: the lifecycle alone
 * speaks of churn, so such a customer never lands in a "recent" row (champions, recent first buyers).
 */
export const LATE_GRID_ROW = 2

/** The grid row of R score `r` for a customer at lifecycle `stage`. */
export function gridRow(r: number, stage: string): number {
  return stage === 'at_risk' || stage === 'churned' ? Math.min(r, LATE_GRID_ROW) : r
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
  (p: {
    recencyDays: number
    frequency: number
    r: number
    f: number
    segment: string
    lateStage: string
    row: number
  }) => {
    const name = segmentLabel(p.segment)
    const stage = lifecycleStageLabels[p.lateStage as LifecycleStage]
    const late =
      stage === undefined || p.row === p.r
        ? ['', '']
        : [` but lifecycle: ${stage.en}, so read as R=${p.row}`, `，但生命周期为${stage.zh}，按R=${p.row}计`]
    return [
      `Last purchase ${plural(p.recencyDays, 'day')} ago (R=${p.r})${late[0]}, ${plural(p.frequency, 'order')} (F=${p.f}) → ${name.en}`,
      `最近一次购买在${p.recencyDays}天前（R=${p.r}）${late[1]}，共${p.frequency}笔订单（F=${p.f}）→ ${name.zh}`,
    ]
  },
)

/** "Last purchase 12 days ago (R=5), 8 orders (F=4) → R×F Champions". */
export function explainGridSegment(
  segment: string | null,
  recencyDays: number,
  frequency: number,
  r: number,
  f: number,
  stage: string,
): Explanation {
  if (segment === null) return noPurchases({})
  const late = stage === 'at_risk' || stage === 'churned' ? stage : ''
  return byRecencyFrequency({
    recencyDays,
    frequency,
    r,
    f,
    segment,
    lateStage: late,
    row: gridRow(r, stage),
  })
}

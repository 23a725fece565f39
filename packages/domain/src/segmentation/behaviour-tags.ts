import { z } from 'zod'
import type { ActivityFacts } from './activity-facts.ts'
import { explain, type Explanation, type Label, money, percent, plural } from './explanation.ts'
import type { PurchaseTable } from './purchase-table.ts'
import { SPEND_WINDOW_DAYS } from './purchase-table.ts'

export const behaviourTagSchema = z.enum([
  'never_bought',
  'one_time_buyer',
  'frequent_buyer',
  'occasional',
  'big_basket',
  'growing_spend',
  'declining_spend',
  'responsive_to_visits',
  'open_complaint',
  'low_satisfaction',
  'visit_overdue',
])
export type BehaviourTag = z.infer<typeof behaviourTagSchema>

export const behaviourTagLabels: Record<BehaviourTag, Label> = {
  never_bought: { en: 'Never bought', zh: '未购买' },
  one_time_buyer: { en: 'One-time buyer', zh: '仅购买一次' },
  frequent_buyer: { en: 'Frequent buyer', zh: '高频购买' },
  occasional: { en: 'Occasional buyer', zh: '偶尔购买' },
  big_basket: { en: 'Big basket', zh: '大单客户' },
  growing_spend: { en: 'Growing spend', zh: '消费上升' },
  declining_spend: { en: 'Declining spend', zh: '消费下滑' },
  responsive_to_visits: { en: 'Responds to visits', zh: '拜访后易下单' },
  open_complaint: { en: 'Open complaint', zh: '有未结投诉' },
  low_satisfaction: { en: 'Low satisfaction', zh: '满意度低' },
  visit_overdue: { en: 'Visit overdue', zh: '拜访逾期' },
}

/** Thresholds of the behaviour tags. */
export interface BehaviourTagRules {
  /** frequent_buyer from this F score up; occasional up to `occasionalMaxF`. */
  frequentMinF: number
  occasionalMaxF: number
  /** big_basket: average order value ≥ this multiple of the median buyer's. */
  bigBasketMultiple: number
  /** Spend in the last 90 days vs the 90 before: declining below, growing above these ratios. */
  decliningRatio: number
  growingRatio: number
  /** responsive_to_visits: at least `responsiveMinVisits` visits, and at least this share answered. */
  responseWindowDays: number
  responsiveMinVisits: number
  responsiveMinShare: number
  /** low_satisfaction: average rating (1–5) at or below this. */
  lowSatisfactionMax: number
}

export const defaultBehaviourTagRules: BehaviourTagRules = {
  frequentMinF: 4,
  occasionalMaxF: 2,
  bigBasketMultiple: 2,
  decliningRatio: 0.5,
  growingRatio: 1.5,
  responseWindowDays: 7,
  responsiveMinVisits: 2,
  responsiveMinShare: 0.5,
  lowSatisfactionMax: 2.5,
}

/** Median average order value of the buyers, the yardstick of big_basket. */
export function medianOrderValue(table: PurchaseTable): number {
  const values: number[] = []
  for (let c = 0; c < table.customerIds.length; c++) {
    const f = table.frequency[c] as number
    if (f > 0) values.push((table.monetary[c] as number) / f)
  }
  if (values.length === 0) return 0
  const sorted = Float64Array.from(values).sort()
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export interface TagContext {
  table: PurchaseTable
  activity: ActivityFacts
  rules: BehaviourTagRules
  medianOrderValue: number
  /** Visit cadence owed to each customer (tier, segment override); NaN when visits are not tracked. */
  visitEveryDays: (c: number) => number
}

/** The behaviour tags of customer `c`, each with the facts that earned it. */
export function behaviourTags(ctx: TagContext, c: number, f: number): { tags: BehaviourTag[]; why: Explanation[] } {
  const { table, activity, rules } = ctx
  const tags: BehaviourTag[] = []
  const why: Explanation[] = []
  const add = (tag: BehaviourTag, e: Explanation) => {
    tags.push(tag)
    why.push(e)
  }
  const orders = table.frequency[c] as number
  if (orders === 0) add('never_bought', explain('tag.never_bought', {}, 'No purchase on record', '没有购买记录'))
  else {
    if (orders === 1) add('one_time_buyer', explain('tag.one_time_buyer', { orders }, 'Exactly 1 order', '仅有1笔订单'))
    if (f >= rules.frequentMinF) {
      add('frequent_buyer', explain('tag.frequent_buyer', { orders, f }, `${plural(orders, 'order')} (F=${f})`, `共${orders}笔订单（F=${f}）`))
    } else if (f <= rules.occasionalMaxF) {
      add('occasional', explain('tag.occasional', { orders, f }, `Only ${plural(orders, 'order')} (F=${f})`, `仅${orders}笔订单（F=${f}）`))
    }
    const aov = (table.monetary[c] as number) / orders
    if (ctx.medianOrderValue > 0 && aov >= rules.bigBasketMultiple * ctx.medianOrderValue) {
      add(
        'big_basket',
        explain(
          'tag.big_basket',
          { averageOrder: Math.round(aov * 100) / 100, medianOrder: Math.round(ctx.medianOrderValue * 100) / 100 },
          `Average order ${money(aov)}, ≥ ${rules.bigBasketMultiple}× the median ${money(ctx.medianOrderValue)}`,
          `平均订单金额${money(aov)}，不低于中位数${money(ctx.medianOrderValue)}的${rules.bigBasketMultiple}倍`,
        ),
      )
    }
  }
  const recent = table.recentSpend[c] as number
  const prior = table.priorSpend[c] as number
  if (prior > 0 && (recent < rules.decliningRatio * prior || recent > rules.growingRatio * prior)) {
    const tag: BehaviourTag = recent < prior ? 'declining_spend' : 'growing_spend'
    const params = { recentSpend: Math.round(recent * 100) / 100, priorSpend: Math.round(prior * 100) / 100 }
    add(
      tag,
      explain(
        `tag.${tag}`,
        params,
        `Spent ${money(recent)} in the last ${SPEND_WINDOW_DAYS} days vs ${money(prior)} in the ${SPEND_WINDOW_DAYS} before`,
        `近${SPEND_WINDOW_DAYS}天消费${money(recent)}，之前${SPEND_WINDOW_DAYS}天为${money(prior)}`,
      ),
    )
  }
  const visits = activity.visits[c] as number
  const answered = activity.answeredVisits[c] as number
  if (visits >= rules.responsiveMinVisits && answered >= rules.responsiveMinShare * visits) {
    const w = rules.responseWindowDays
    add(
      'responsive_to_visits',
      explain(
        'tag.responsive_to_visits',
        { visits, answered, windowDays: w },
        `${answered} of ${plural(visits, 'visit')} (${percent(answered / visits)}) were followed by an order within ${w} days`,
        `${visits}次拜访中有${answered}次（${percent(answered / visits)}）在${w}天内带来订单`,
      ),
    )
  }
  const open = activity.openComplaints[c] as number
  if (open > 0) {
    add('open_complaint', explain('tag.open_complaint', { open }, `${plural(open, 'complaint')} not resolved`, `${open}条投诉尚未解决`))
  }
  const ratings = activity.ratingCount[c] as number
  if (ratings > 0) {
    const avg = (activity.ratingSum[c] as number) / ratings
    if (avg <= rules.lowSatisfactionMax) {
      const a = avg.toFixed(1)
      add(
        'low_satisfaction',
        explain('tag.low_satisfaction', { average: Number(a), ratings }, `Average rating ${a}/5 over ${plural(ratings, 'rating')}`, `${ratings}次评分平均${a}/5`),
      )
    }
  }
  const cadence = ctx.visitEveryDays(c)
  if (!Number.isNaN(cadence)) {
    const last = activity.lastVisitDay[c] as number
    const since = table.asOfDay - last
    if (Number.isNaN(last) ? orders > 0 : since > cadence) {
      add(
        'visit_overdue',
        Number.isNaN(last)
          ? explain('tag.visit_overdue', { everyDays: cadence }, `Never visited; due every ${cadence} days`, `从未拜访；应每${cadence}天拜访一次`)
          : explain(
              'tag.visit_overdue',
              { daysSinceVisit: since, everyDays: cadence },
              `Last visit ${since} days ago; due every ${cadence} days`,
              `上次拜访在${since}天前；应每${cadence}天拜访一次`,
            ),
      )
    }
  }
  return { tags, why }
}

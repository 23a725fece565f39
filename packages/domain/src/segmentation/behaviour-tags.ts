import { z } from 'zod'
import { defaultTagThresholds } from '../model/service-policy.ts'
import type { ActivityFacts } from './activity-facts.ts'
import { type Explanation, explanation, type Label, money, percent, plural } from './explanation.ts'
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

/** Thresholds of the behaviour tags: absolute facts of the customer, never ranks among others. */
export interface BehaviourTagRules {
  /** frequent_buyer: at least this many orders in the last 365 days; occasional: at most `occasionalMaxOrders`. */
  frequentMinOrders: number
  occasionalMaxOrders: number
  /** big_basket: average order value at least this much. */
  bigBasketMinAverage: number
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
  ...defaultTagThresholds,
  decliningRatio: 0.5,
  growingRatio: 1.5,
  responseWindowDays: 7,
  responsiveMinVisits: 2,
  responsiveMinShare: 0.5,
  lowSatisfactionMax: 2.5,
}

/** Days counted by frequent_buyer and occasional. */
export const YEAR_DAYS = 365

/** Orders of customer `c` in the last `YEAR_DAYS` days up to as-of (its order days are ascending). */
export function ordersInLastYear(table: PurchaseTable, c: number): number {
  const from = table.asOfDay - YEAR_DAYS
  const start = table.orderStart[c] as number
  let k = table.orderStart[c + 1] as number
  while (k > start && (table.orderDay[k - 1] as number) > from) k--
  return (table.orderStart[c + 1] as number) - k
}

const round2 = (x: number) => Math.round(x * 100) / 100

const reasons = {
  never_bought: explanation('tag.never_bought', () => ['No purchase on record', '没有购买记录']),
  one_time_buyer: explanation('tag.one_time_buyer', () => ['Exactly 1 order', '仅有1笔订单']),
  frequent_buyer: explanation('tag.frequent_buyer', (p: { orders: number; min: number }) => [
    `${plural(p.orders, 'order')} in the last 365 days (frequent from ${p.min})`,
    `近365天${p.orders}笔订单（${p.min}笔起为高频）`,
  ]),
  occasional: explanation('tag.occasional', (p: { orders: number; max: number }) => [
    `Only ${plural(p.orders, 'order')} in the last 365 days (occasional up to ${p.max})`,
    `近365天仅${p.orders}笔订单（不超过${p.max}笔为偶尔购买）`,
  ]),
  big_basket: explanation('tag.big_basket', (p: { averageOrder: number; min: number }) => [
    `Average order ${money(p.averageOrder)}, at least ${money(p.min)}`,
    `平均订单金额${money(p.averageOrder)}，不低于${money(p.min)}`,
  ]),
  spend_trend: (code: 'declining_spend' | 'growing_spend') =>
    explanation(`tag.${code}`, (p: { recentSpend: number; priorSpend: number; windowDays: number }) => [
      `Spent ${money(p.recentSpend)} in the last ${p.windowDays} days vs ${money(p.priorSpend)} in the ${p.windowDays} before`,
      `近${p.windowDays}天消费${money(p.recentSpend)}，之前${p.windowDays}天为${money(p.priorSpend)}`,
    ]),
  responsive_to_visits: explanation(
    'tag.responsive_to_visits',
    (p: { visits: number; answered: number; windowDays: number }) => [
      `${p.answered} of ${plural(p.visits, 'visit')} (${percent(p.answered / p.visits)}) were followed by an order within ${p.windowDays} days`,
      `${p.visits}次拜访中有${p.answered}次（${percent(p.answered / p.visits)}）在${p.windowDays}天内带来订单`,
    ],
  ),
  open_complaint: explanation('tag.open_complaint', (p: { open: number }) => [
    `${plural(p.open, 'complaint')} not resolved`,
    `${p.open}条投诉尚未解决`,
  ]),
  low_satisfaction: explanation('tag.low_satisfaction', (p: { average: number; ratings: number }) => [
    `Average rating ${p.average.toFixed(1)}/5 over ${plural(p.ratings, 'rating')}`,
    `${p.ratings}次评分平均${p.average.toFixed(1)}/5`,
  ]),
  never_visited: explanation('tag.visit_overdue', (p: { everyDays: number }) => [
    `Never visited; due every ${p.everyDays} days`,
    `从未拜访；应每${p.everyDays}天拜访一次`,
  ]),
  visit_overdue: explanation('tag.visit_overdue', (p: { daysSinceVisit: number; everyDays: number }) => [
    `Last visit ${p.daysSinceVisit} days ago; due every ${p.everyDays} days`,
    `上次拜访在${p.daysSinceVisit}天前；应每${p.everyDays}天拜访一次`,
  ]),
}
const declining = reasons.spend_trend('declining_spend')
const growing = reasons.spend_trend('growing_spend')

export interface TagContext {
  table: PurchaseTable
  activity: ActivityFacts
  rules: BehaviourTagRules
  /** Visit cadence owed to each customer (tier, segment override); NaN when visits are not tracked. */
  visitEveryDays: (c: number) => number
}

/**
 * The behaviour tags of customer `c`, appended to `tags`; with `why`, also the facts that earned each tag
 * (in tag order). Profiles ask for the facts only when their explanations are read.
 */
export function behaviourTags(
  ctx: TagContext,
  c: number,
  why: Explanation[] | null = null,
  tags: BehaviourTag[] = [],
): BehaviourTag[] {
  const { table, activity, rules } = ctx
  const orders = table.frequency[c] as number
  if (orders === 0) {
    tags.push('never_bought')
    why?.push(reasons.never_bought({}))
  } else {
    if (orders === 1) {
      tags.push('one_time_buyer')
      why?.push(reasons.one_time_buyer({}))
    }
    const year = ordersInLastYear(table, c)
    if (year >= rules.frequentMinOrders) {
      tags.push('frequent_buyer')
      why?.push(reasons.frequent_buyer({ orders: year, min: rules.frequentMinOrders }))
    } else if (year <= rules.occasionalMaxOrders) {
      tags.push('occasional')
      why?.push(reasons.occasional({ orders: year, max: rules.occasionalMaxOrders }))
    }
    const aov = (table.monetary[c] as number) / orders
    if (aov >= rules.bigBasketMinAverage) {
      tags.push('big_basket')
      why?.push(reasons.big_basket({ averageOrder: round2(aov), min: rules.bigBasketMinAverage }))
    }
  }
  const recent = table.recentSpend[c] as number
  const prior = table.priorSpend[c] as number
  if (prior > 0 && (recent < rules.decliningRatio * prior || recent > rules.growingRatio * prior)) {
    const params = { recentSpend: round2(recent), priorSpend: round2(prior), windowDays: SPEND_WINDOW_DAYS }
    tags.push(recent < prior ? 'declining_spend' : 'growing_spend')
    why?.push(recent < prior ? declining(params) : growing(params))
  }
  const visits = activity.visits[c] as number
  const answered = activity.answeredVisits[c] as number
  if (visits >= rules.responsiveMinVisits && answered >= rules.responsiveMinShare * visits) {
    tags.push('responsive_to_visits')
    why?.push(reasons.responsive_to_visits({ visits, answered, windowDays: rules.responseWindowDays }))
  }
  const open = activity.openComplaints[c] as number
  if (open > 0) {
    tags.push('open_complaint')
    why?.push(reasons.open_complaint({ open }))
  }
  const ratings = activity.ratingCount[c] as number
  if (ratings > 0) {
    const average = (activity.ratingSum[c] as number) / ratings
    if (average <= rules.lowSatisfactionMax) {
      tags.push('low_satisfaction')
      why?.push(reasons.low_satisfaction({ average: round2(average), ratings }))
    }
  }
  const everyDays = ctx.visitEveryDays(c)
  if (!Number.isNaN(everyDays)) {
    const last = activity.lastVisitDay[c] as number
    if (Number.isNaN(last)) {
      if (orders > 0) {
        tags.push('visit_overdue')
        why?.push(reasons.never_visited({ everyDays }))
      }
    } else if (table.asOfDay - last > everyDays) {
      tags.push('visit_overdue')
      why?.push(reasons.visit_overdue({ daysSinceVisit: table.asOfDay - last, everyDays }))
    }
  }
  return tags
}

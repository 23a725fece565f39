import type { Order } from '../model/index.ts'
import { type AnalyticsResult, analyticsError } from './analytics-error.ts'
import { latestRevisions } from './latest-revisions.ts'

/** "Baskets with all of `antecedent` also hold `consequent`". */
export interface AssociationRule {
  /** One or two product ids, sorted. */
  antecedent: string[]
  consequent: string
  /** Share of baskets holding antecedent and consequent together. */
  support: number
  /** Share of baskets with the antecedent that also hold the consequent. */
  confidence: number
  /** Confidence ÷ the consequent's own support: > 1 means buying the antecedent makes it likelier. */
  lift: number
  /** Baskets holding antecedent and consequent. */
  count: number
}

export interface AssociationOptions {
  /** Minimum support of an itemset (share of baskets). Default 0.01. */
  minSupport?: number
  /** Minimum confidence of a rule. Default 0.2. */
  minConfidence?: number
  /** Minimum lift of a rule. Default 1 (no rule that makes the consequent less likely). */
  minLift?: number
  /** 2 = pairs only; 3 = also triples (rules with two products on the left). Default 2. */
  maxItemsetSize?: 2 | 3
  /** One basket per order, or per customer (everything they ever bought). Default 'order'. */
  basketBy?: 'order' | 'customer'
  /** Triples are only counted in baskets of at most this many frequent products (cost grows as n³). Default 40. */
  maxBasketForTriples?: number
}

export interface AssociationModel {
  rules: AssociationRule[]
  baskets: number
  /** Product id → name as last written on an order line, for explanations. */
  productNames: Map<string, string>
}

export type BasketOrder = Pick<Order, 'revisionOf' | 'revision' | 'customerId' | 'status' | 'lines'>

/**
 * Apriori-style association rules: count single products, then pairs of frequent products, then
 * (optionally) triples whose three pairs are all frequent; every frequent itemset gives one rule per
 * product on the right. Cancelled orders and superseded revisions are ignored.
 */
export function mineAssociationRules(
  orders: readonly BasketOrder[],
  options: AssociationOptions = {},
): AnalyticsResult<AssociationModel> {
  const minSupport = options.minSupport ?? 0.01
  const minConfidence = options.minConfidence ?? 0.2
  const minLift = options.minLift ?? 1
  const maxSize = options.maxItemsetSize ?? 2
  if (
    !(minSupport > 0 && minSupport <= 1) ||
    !(minConfidence >= 0 && minConfidence <= 1) ||
    !(minLift >= 0)
  ) {
    return analyticsError('bad_options', 'minSupport must be in (0, 1], minConfidence in [0, 1], minLift ≥ 0')
  }

  const { baskets, productIds, productNames } = buildBaskets(orders, options.basketBy ?? 'order')
  const p = productIds.length
  const total = baskets.length
  if (maxSize === 3 && p ** 3 > Number.MAX_SAFE_INTEGER)
    return analyticsError('bad_input', 'too many products for triples')
  const minCount = Math.max(1, Math.ceil(minSupport * total))
  const single = new Uint32Array(p)
  for (const b of baskets) for (const i of b) single[i]!++
  const frequent = baskets.map((b) => b.filter((i) => single[i]! >= minCount))
  const counts: Counts = { p, total, minCount, single, pairs: countPairs(frequent, p) }
  const rules: AssociationRule[] = []
  const addRule = (left: number[], right: number, both: number, leftCount: number): void => {
    const confidence = both / leftCount
    const lift = confidence / (single[right]! / total)
    if (confidence < minConfidence || lift < minLift) return
    const antecedent = left.map((i) => productIds[i]!).sort()
    rules.push({
      antecedent,
      consequent: productIds[right]!,
      support: both / total,
      confidence,
      lift,
      count: both,
    })
  }
  for (const [key, count] of counts.pairs) {
    if (count < minCount) continue
    const a = Math.floor(key / p)
    const b = key % p
    addRule([a], b, count, single[a]!)
    addRule([b], a, count, single[b]!)
  }
  if (maxSize === 3) tripleRules(counts, frequent, options.maxBasketForTriples ?? 40, addRule)
  rules.sort((x, y) => y.lift - x.lift || y.confidence - x.confidence || ruleKey(x).localeCompare(ruleKey(y)))
  return { ok: true, value: { rules, baskets: total, productNames } }
}

/** Product counts: `p` products in `total` baskets; `pairs` keyed a·p + b (a < b). */
type Counts = { p: number; total: number; minCount: number; single: Uint32Array; pairs: Map<number, number> }

/** Baskets holding each pair of frequent products. */
function countPairs(frequent: number[][], p: number): Map<number, number> {
  const pairs = new Map<number, number>()
  for (const b of frequent) {
    for (let x = 0; x < b.length; x++) {
      for (let y = x + 1; y < b.length; y++) {
        const key = b[x]! * p + b[y]!
        pairs.set(key, (pairs.get(key) ?? 0) + 1)
      }
    }
  }
  return pairs
}

/** Rules with two products on the left, from triples whose three pairs are all frequent. */
function tripleRules(
  { p, minCount, pairs }: Counts,
  frequent: number[][],
  maxBasketForTriples: number,
  addRule: (left: number[], right: number, both: number, leftCount: number) => void,
): void {
  const pairCount = (a: number, b: number): number => pairs.get(a < b ? a * p + b : b * p + a) ?? 0
  const isFrequentPair = (a: number, b: number): boolean => pairCount(a, b) >= minCount
  const triples = new Map<number, number>()
  for (const b of frequent) {
    if (b.length < 3 || b.length > maxBasketForTriples) continue
    for (let x = 0; x < b.length; x++) {
      for (let y = x + 1; y < b.length; y++) {
        if (!isFrequentPair(b[x]!, b[y]!)) continue
        for (let z = y + 1; z < b.length; z++) {
          if (!isFrequentPair(b[x]!, b[z]!) || !isFrequentPair(b[y]!, b[z]!)) continue
          const key = (b[x]! * p + b[y]!) * p + b[z]!
          triples.set(key, (triples.get(key) ?? 0) + 1)
        }
      }
    }
  }
  for (const [key, count] of triples) {
    if (count < minCount) continue
    const c = key % p
    const b = Math.floor(key / p) % p
    const a = Math.floor(key / (p * p))
    addRule([a, b], c, count, pairCount(a, b))
    addRule([a, c], b, count, pairCount(a, c))
    addRule([b, c], a, count, pairCount(b, c))
  }
}

function ruleKey(r: AssociationRule): string {
  return `${r.antecedent.join('+')}>${r.consequent}`
}

/** Baskets as sorted, distinct product indices; products are indexed in id order so results are stable. */
function buildBaskets(
  orders: readonly BasketOrder[],
  by: 'order' | 'customer',
): { baskets: number[][]; productIds: string[]; productNames: Map<string, string> } {
  const productNames = new Map<string, string>()
  const byKey = new Map<string, Set<string>>()
  const placed = latestRevisions(orders).filter((o) => o.status === 'placed')
  for (const o of placed) {
    const key = by === 'order' ? o.revisionOf : o.customerId
    let basket = byKey.get(key)
    if (basket === undefined) {
      basket = new Set()
      byKey.set(key, basket)
    }
    for (const l of o.lines) {
      basket.add(l.productId)
      productNames.set(l.productId, l.name)
    }
  }
  const productIds = [...productNames.keys()].sort()
  const indexOf = new Map(productIds.map((id, i) => [id, i]))
  const baskets = [...byKey.values()].map((set) =>
    [...set].map((id) => indexOf.get(id)!).sort((a, b) => a - b),
  )
  return { baskets, productIds, productNames }
}

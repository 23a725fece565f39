import type { AssociationModel, AssociationRule, BasketOrder } from './association-rules.ts'
import { latestRevisions } from './latest-revisions.ts'

/** A product to offer a customer, with the rule that suggests it. */
export interface CrossSellSuggestion {
  productId: string
  productName: string
  confidence: number
  lift: number
  /** The products the customer already buys that led here. */
  because: string[]
  explanation: { en: string; zh: string }
}

export interface CrossSellOptions {
  /** Suggestions per customer. Default 5. */
  limit?: number
  /** Products not to offer (discontinued, out of stock …). */
  exclude?: (productId: string) => boolean
}

/**
 * Products the customer has not bought yet, from rules whose left side they all buy, ranked by
 * confidence (how often such buyers take it), then lift; each product keeps its strongest rule.
 */
export function suggestCrossSell(
  bought: Iterable<string>,
  model: AssociationModel,
  options: CrossSellOptions = {},
): CrossSellSuggestion[] {
  return suggestFrom(new Set(bought), indexRules(model.rules), model, options)
}

/** `suggestCrossSell` for every customer with orders, sharing one rule index. */
export function crossSellForCustomers(
  orders: readonly BasketOrder[],
  model: AssociationModel,
  options: CrossSellOptions = {},
): Map<string, CrossSellSuggestion[]> {
  const boughtBy = new Map<string, Set<string>>()
  for (const o of latestRevisions(orders)) {
    if (o.status !== 'placed') continue
    let set = boughtBy.get(o.customerId)
    if (set === undefined) {
      set = new Set()
      boughtBy.set(o.customerId, set)
    }
    for (const l of o.lines) set.add(l.productId)
  }
  const index = indexRules(model.rules)
  const out = new Map<string, CrossSellSuggestion[]>()
  for (const [customerId, bought] of boughtBy) out.set(customerId, suggestFrom(bought, index, model, options))
  return out
}

/** Rules by their first antecedent product, so a customer only looks at rules about what they buy. */
function indexRules(rules: readonly AssociationRule[]): Map<string, AssociationRule[]> {
  const index = new Map<string, AssociationRule[]>()
  for (const r of rules) {
    const first = r.antecedent[0]!
    const list = index.get(first)
    if (list === undefined) index.set(first, [r])
    else list.push(r)
  }
  return index
}

function suggestFrom(
  bought: ReadonlySet<string>,
  index: Map<string, AssociationRule[]>,
  model: AssociationModel,
  options: CrossSellOptions,
): CrossSellSuggestion[] {
  const best = new Map<string, AssociationRule>()
  for (const product of bought) {
    for (const r of index.get(product) ?? []) {
      if (bought.has(r.consequent) || options.exclude?.(r.consequent) === true) continue
      if (!r.antecedent.every((a) => bought.has(a))) continue
      const current = best.get(r.consequent)
      if (current === undefined || stronger(r, current)) best.set(r.consequent, r)
    }
  }
  return [...best.values()]
    .sort((a, b) => (stronger(a, b) ? -1 : stronger(b, a) ? 1 : 0))
    .slice(0, options.limit ?? 5)
    .map((r) => toSuggestion(r, model.productNames))
}

function stronger(a: AssociationRule, b: AssociationRule): boolean {
  if (a.confidence !== b.confidence) return a.confidence > b.confidence
  if (a.lift !== b.lift) return a.lift > b.lift
  return a.consequent < b.consequent
}

function toSuggestion(r: AssociationRule, names: Map<string, string>): CrossSellSuggestion {
  const name = (id: string): string => names.get(id) ?? id
  const productName = name(r.consequent)
  const left = r.antecedent.map(name)
  const pct = `${Math.round(r.confidence * 100)}%`
  const lift = r.lift.toFixed(1)
  return {
    productId: r.consequent,
    productName,
    confidence: r.confidence,
    lift: r.lift,
    because: r.antecedent,
    explanation: {
      en: `Customers who buy ${left.join(' and ')} also buy ${productName} (confidence ${pct}, lift ${lift})`,
      zh: `购买${left.join('和')}的客户也常买${productName}（置信度 ${pct}，提升度 ${lift}）`,
    },
  }
}

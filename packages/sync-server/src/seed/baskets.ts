import type { OrderLine, Product, Rng } from '@outrider/domain'
import type { BuyingPlan } from './archetypes.ts'
import { affinities, type CatalogueItem, catalogue } from './catalogue.ts'
import { monthOf, springFestivalPhase } from './clock.ts'
import type { Industry, ProductCategory } from './industries.ts'

export function productId(sku: string): string {
  return `p-${sku.toLowerCase()}`
}

const indexBySku = new Map(catalogue.map((p, i) => [p.sku, i]))
/** For each catalogue index, the indexes of the products it is bought with. */
const partners: number[][] = catalogue.map((p) => {
  const out = new Set<number>()
  for (const group of affinities) {
    if (!group.includes(p.sku)) continue
    for (const sku of group) {
      const j = indexBySku.get(sku)
      if (j !== undefined && sku !== p.sku) out.add(j)
    }
  }
  return [...out].sort((a, b) => a - b)
})

const byCategory = new Map<ProductCategory, number[]>()
for (const [i, p] of catalogue.entries())
  byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), i])

/** The products a shop usually buys, most important first: drawn from its industry's categories plus their companions. */
export function repertoire(rng: Rng, industry: Industry, plan: BuyingPlan): number[] {
  const size =
    plan.archetype === 'loyal'
      ? rng.int(14, 24)
      : plan.archetype === 'occasional'
        ? rng.int(3, 7)
        : rng.int(7, 14)
  const categories = Object.entries(industry.categories) as [ProductCategory, number][]
  const chosen: number[] = []
  const seen = new Set<number>()
  for (let guard = 0; chosen.length < size && guard < size * 8; guard++) {
    const category = rng.weighted(categories)
    const candidates = (byCategory.get(category) ?? []).filter((i) => !seen.has(i))
    if (candidates.length === 0) continue
    const i = rng.pick(candidates)
    seen.add(i)
    chosen.push(i)
    for (const j of partners[i] ?? []) {
      if (!seen.has(j) && rng.chance(0.7)) {
        seen.add(j)
        chosen.push(j)
      }
    }
  }
  return chosen
}

const scratch = new Int32Array(catalogue.length)

/** One order's lines on a day: core items first, companions pulled in, seasonal items boosted. */
export function basket(
  rng: Rng,
  items: readonly number[],
  plan: BuyingPlan,
  day: number,
  products: readonly Product[],
): OrderLine[] {
  const month = monthOf(day)
  const summer = month >= 6 && month <= 8
  const festive = springFestivalPhase(day).daysBefore !== null
  const want = rng.int(plan.lines[0], plan.lines[1])
  // This runs ~40k times: quantities go into one reused array (0 = not in the basket), cleared on the way out.
  const qty = scratch
  let count = 0
  const add = (i: number): void => {
    if (qty[i] !== 0) return
    const item = catalogue[i] as CatalogueItem
    let q = rng.int(plan.quantity[0], plan.quantity[1])
    if (summer && item.summer) q *= 1.6
    if (festive && item.festive) q *= 2.2
    if (item.unit === '瓶' || item.unit === '盒' || item.unit === '饼') q *= 0.6
    qty[i] = Math.max(1, Math.round(q))
    count++
  }
  for (let guard = 0; count < want && guard < want * 6; guard++) {
    // Earlier repertoire items are the shop's staples and come back in most orders.
    const i = items[Math.floor(items.length * rng.next() ** 1.8)]
    if (i === undefined) continue
    add(i)
    for (const j of partners[i] ?? []) if (rng.chance(items.includes(j) ? 0.65 : 0.12)) add(j)
  }
  if (summer || festive) {
    for (const i of items) {
      const item = catalogue[i] as CatalogueItem
      if ((festive && item.festive && rng.chance(0.5)) || (summer && item.summer && rng.chance(0.3))) add(i)
    }
  }
  const discount = plan.archetype === 'loyal' ? 0.97 : 1
  const lines: OrderLine[] = []
  for (let i = 0; i < qty.length; i++) {
    const quantity = qty[i] as number
    if (quantity === 0) continue
    qty[i] = 0
    const product = products[i]
    if (!product) continue
    lines.push({
      productId: product.id,
      name: product.name,
      quantity,
      unitPrice: Math.round(product.price * discount * 100) / 100,
    })
  }
  return lines
}

import type { Tier } from '../model/customer.ts'
import { type Explanation, explanation, money, percent } from './explanation.ts'
import { orderByValue } from './quintile-scores.ts'

/** Tier shares as the policy states them: A covers share `a` of spend, B the next share `b`. */
export interface TierShares {
  a: number
  b: number
}

export interface ValueTiers {
  /** 0 = A, 1 = B, 2 = C, by customer index. */
  tier: Uint8Array
  /** Share of total spend of the customers ranked above this one (0 for the top customer). */
  shareBefore: Float64Array
  /** 1-based rank by spend (ties by id); 0 without spend. */
  rank: Int32Array
  total: number
}

export const TIERS: readonly Tier[] = ['A', 'B', 'C']

/**
 * Pareto tiers: customers by spend, largest first (ties by id). A customer is A while the customers ranked
 * above it hold less than `a` of the total — so the customer that crosses the line is still A — then B
 * until `a + b`, then C. Customers with no spend are always C.
 */
export function valueTiers(monetary: Float64Array, shares: TierShares): ValueTiers {
  const n = monetary.length
  let total = 0
  // Largest first, ties by index. Spend in whole cents (the usual case) sorts as packed integer keys.
  const keys = new Float64Array(n)
  let cents = true
  for (let i = 0; i < n; i++) {
    const m = monetary[i] as number
    total += m
    const c = Math.round(m * 100)
    if (c / 100 !== m) cents = false
    keys[i] = -c
  }
  if (!cents) for (let i = 0; i < n; i++) keys[i] = -(monetary[i] as number)
  const order = orderByValue(keys, n)
  const tier = new Uint8Array(n).fill(2)
  const shareBefore = new Float64Array(n)
  const rank = new Int32Array(n)
  const aLine = shares.a
  const bLine = shares.a + shares.b
  let cumulative = 0
  for (let k = 0; k < n; k++) {
    const i = order[k] as number
    const m = monetary[i] as number
    if (!(m > 0)) break
    const before = cumulative / total
    shareBefore[i] = before
    rank[i] = k + 1
    tier[i] = before < aLine ? 0 : before < bLine ? 1 : 2
    cumulative += m
  }
  return { tier, shareBefore, rank, total }
}

const noSpend = explanation('tier.no_spend', () => ['No spend yet → tier C', '尚无消费 → C类客户'])
const declared = explanation('tier.declared', (p: { tier: string }) => [
  `No spend yet; tier ${p.tier} as imported`,
  `尚无消费；沿用导入时的等级 → ${p.tier}类客户`,
])

/**
 * Customers without spend keep the tier their record declares (`customFields.tier`, e.g. from an
 * imported file) instead of C, until orders rank them; a customer with spend is always ranked.
 */
export function applyDeclaredTiers(
  tiers: ValueTiers,
  customers: readonly { id: string; customFields?: Readonly<Record<string, unknown>> }[],
  indexOf: ReadonlyMap<string, number>,
): void {
  for (const c of customers) {
    const declaredTier = c.customFields?.tier
    if (declaredTier !== 'A' && declaredTier !== 'B') continue
    const i = indexOf.get(c.id)
    if (i === undefined || (tiers.rank[i] as number) !== 0) continue
    tiers.tier[i] = declaredTier === 'A' ? 0 : 1
  }
}

const pareto = explanation(
  'tier.pareto',
  (p: {
    tier: string
    monetary: number
    rank: number
    buyers: number
    shareBefore: number
    line: number
  }) => {
    const inside = p.tier !== 'C'
    const where = inside
      ? [`within the top ${percent(p.line)} of spend`, `位于累计消费前${percent(p.line)}之内`]
      : [`beyond the top ${percent(p.line)} of spend`, `排在累计消费前${percent(p.line)}之后`]
    return [
      `Spend ${money(p.monetary)} ranks ${p.rank} of ${p.buyers}; customers above hold ${percent(p.shareBefore)} of spend, ${where[0]} → tier ${p.tier}`,
      `消费${money(p.monetary)}，在${p.buyers}位客户中排第${p.rank}；排名更高的客户占消费总额${percent(p.shareBefore)}，${where[1]} → ${p.tier}类客户`,
    ]
  },
)

/** Why a customer got its tier. */
export function explainTier(
  tiers: ValueTiers,
  i: number,
  monetary: number,
  shares: TierShares,
  buyers: number,
): Explanation {
  const tierIndex = tiers.tier[i] as number
  const rank = tiers.rank[i] as number
  const tier = TIERS[tierIndex] as Tier
  if (rank === 0) return tierIndex === 2 ? noSpend({}) : declared({ tier })
  const line = tierIndex === 0 ? shares.a : shares.a + shares.b
  return pareto({
    tier,
    monetary,
    rank,
    buyers,
    shareBefore: Math.round((tiers.shareBefore[i] as number) * 10_000) / 10_000,
    line,
  })
}

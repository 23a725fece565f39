import type { Tier } from '../model/customer.ts'
import { explain, type Explanation, money, percent } from './explanation.ts'

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
  const order = new Int32Array(n)
  let total = 0
  for (let i = 0; i < n; i++) {
    order[i] = i
    total += monetary[i] as number
  }
  order.sort((x, y) => (monetary[y] as number) - (monetary[x] as number) || x - y)
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

/** Why a customer got its tier. */
export function explainTier(tiers: ValueTiers, i: number, monetary: number, shares: TierShares, buyers: number): Explanation {
  const t = TIERS[tiers.tier[i] as number] as Tier
  const rank = tiers.rank[i] as number
  if (rank === 0) {
    return explain('tier.no_spend', { tier: t }, 'No spend yet → tier C', '尚无消费 → C类客户')
  }
  const before = tiers.shareBefore[i] as number
  const params = { tier: t, monetary, rank, buyers, shareBefore: Math.round(before * 1000) / 1000 }
  const line = t === 'A' ? shares.a : t === 'B' ? shares.a + shares.b : shares.a + shares.b
  const where =
    t === 'C'
      ? { en: `beyond the top ${percent(line)} of spend`, zh: `排在累计消费前${percent(line)}之后` }
      : { en: `within the top ${percent(line)} of spend`, zh: `位于累计消费前${percent(line)}之内` }
  return explain(
    'tier.pareto',
    params,
    `Spend ${money(monetary)} ranks ${rank} of ${buyers}; customers above hold ${percent(before)} of spend, ${where.en} → tier ${t}`,
    `消费${money(monetary)}，在${buyers}位客户中排第${rank}；排名更高的客户占消费总额${percent(before)}，${where.zh} → ${t}类客户`,
  )
}

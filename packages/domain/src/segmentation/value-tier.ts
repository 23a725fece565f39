import type { Tier } from '../model/customer.ts'
import type { ClassificationThresholds } from './classification-thresholds.ts'
import { type Explanation, explanation, money, percent } from './explanation.ts'

/** Tier shares as the policy states them: A covers share `a` of spend, B the next share `b`. */
export interface TierShares {
  a: number
  b: number
}

export const TIERS: readonly Tier[] = ['A', 'B', 'C']

/**
 * Tier index (0 = A, 1 = B, 2 = C) of a spend against the population's cut-offs (see
 * `computeThresholds`): at least A's least spend is A, at least B's is B; no spend is always C.
 */
export function tierIndexOf(monetary: number, cut: ClassificationThresholds['tierMoney']): number {
  if (!(monetary > 0)) return 2
  if (cut.a !== null && monetary >= cut.a) return 0
  if (cut.b !== null && monetary >= cut.b) return 1
  return 2
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
  tierIndex: Uint8Array,
  monetary: Float64Array,
  customers: readonly { id: string; customFields?: Readonly<Record<string, unknown>> }[],
  indexOf: ReadonlyMap<string, number>,
): void {
  for (const c of customers) {
    const declaredTier = c.customFields?.tier
    if (declaredTier !== 'A' && declaredTier !== 'B') continue
    const i = indexOf.get(c.id)
    if (i === undefined || (monetary[i] as number) > 0) continue
    tierIndex[i] = declaredTier === 'A' ? 0 : 1
  }
}

const byCutOff = explanation(
  'tier.cut_off',
  (p: {
    tier: string
    monetary: number
    cutA: number
    cutB: number
    lineA: number
    lineB: number
    buyers: number
    asOf: string
  }) => {
    const facts = [
      `tier A from ${money(p.cutA)} (the top ${percent(p.lineA)} of spend), B from ${money(p.cutB)} (up to ${percent(p.lineB)}), among ${p.buyers} buyers on ${p.asOf}`,
      `A类从${money(p.cutA)}起（累计消费前${percent(p.lineA)}），B类从${money(p.cutB)}起（至${percent(p.lineB)}），按${p.asOf}的${p.buyers}位购买客户计算`,
    ]
    return [
      `Spend ${money(p.monetary)}; ${facts[0]} → tier ${p.tier}`,
      `消费${money(p.monetary)}；${facts[1]} → ${p.tier}类客户`,
    ]
  },
)

/** Why a customer got its tier: its spend against the cut-offs, and where these come from. */
export function explainTier(
  tierIndex: number,
  monetary: number,
  shares: TierShares,
  thresholds: ClassificationThresholds,
): Explanation {
  const cut = thresholds.tierMoney
  if (!(monetary > 0) || cut.a === null)
    return tierIndex === 2 ? noSpend({}) : declared({ tier: TIERS[tierIndex] as Tier })
  return byCutOff({
    tier: TIERS[tierIndex] as Tier,
    monetary,
    cutA: cut.a,
    cutB: cut.b ?? cut.a,
    lineA: shares.a,
    lineB: shares.a + shares.b,
    buyers: thresholds.population.buyers,
    asOf: thresholds.asOf,
  })
}

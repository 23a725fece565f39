import { z } from 'zod'
import type { ServicePolicy } from '../model/service-policy.ts'
import type { PurchaseTable } from './purchase-table.ts'
import { orderByValue } from './quintile-scores.ts'
import { fairEdges, percentileTable } from './score-bins.ts'

const edgesSchema = z.array(z.number().nullable()).length(4)
const percentilesSchema = z.array(z.number()).max(101)

/**
 * Everything in a classification that depends on the other customers: score breakpoints, the tier
 * cut-offs in money, the means that split high from low, and the percentiles behind the score. Computed
 * over a population (the organisation or a team, on the server; the device's own customers as a
 * fallback) as of a day, then applied customer by customer, so every screen that holds the same
 * thresholds gives each customer the same classification.
 */
export const classificationThresholdsSchema = z.object({
  /** Day the population was measured (YYYY-MM-DD). */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  population: z.object({
    scope: z.enum(['organisation', 'team', 'local']),
    teamId: z.string().max(64).nullable(),
    customers: z.number().int().min(0),
    buyers: z.number().int().min(0),
  }),
  /** Ascending edges of days since the last purchase (bins 1..5 by days; R = 6 − bin, recent = 5). */
  recencyDays: edgesSchema,
  frequency: edgesSchema,
  monetary: edgesSchema,
  mean: z.object({ recencyDays: z.number(), frequency: z.number(), monetary: z.number() }),
  /** Least spend of tier A and of tier B; null when nobody bought. */
  tierMoney: z.object({ a: z.number().nullable(), b: z.number().nullable() }),
  percentiles: z.object({
    recencyDays: percentilesSchema,
    frequency: percentilesSchema,
    monetary: percentilesSchema,
  }),
})
export type ClassificationThresholds = z.infer<typeof classificationThresholdsSchema>

export interface PopulationScope {
  scope: ClassificationThresholds['population']['scope']
  teamId: string | null
}

/** Thresholds over the buyers of a purchase table as of its day. */
export function computeThresholds(
  table: PurchaseTable,
  policy: Pick<ServicePolicy, 'tierShares'>,
  asOf: string,
  population: PopulationScope = { scope: 'local', teamId: null },
): ClassificationThresholds {
  const n = table.customerIds.length
  let buyers = 0
  for (let c = 0; c < n; c++) if ((table.frequency[c] as number) > 0) buyers++
  const days = new Float64Array(buyers)
  const freq = new Float64Array(buyers)
  const mon = new Float64Array(buyers)
  const cents = new Float64Array(buyers)
  let b = 0
  let sumDays = 0
  let sumFreq = 0
  let sumMon = 0
  for (let c = 0; c < n; c++) {
    const f = table.frequency[c] as number
    if (f === 0) continue
    const d = table.asOfDay - (table.lastDay[c] as number)
    const m = table.monetary[c] as number
    days[b] = d
    freq[b] = f
    mon[b] = m
    cents[b] = Math.round(m * 100)
    sumDays += d
    sumFreq += f
    sumMon += m
    b++
  }
  const byDays = orderByValue(days, buyers)
  const byFreq = orderByValue(freq, buyers)
  const byMon = orderByValue(cents, buyers)
  const mean = (s: number) => (buyers === 0 ? 0 : s / buyers)
  return {
    asOf,
    population: { ...population, customers: n, buyers },
    recencyDays: fairEdges(days, buyers, byDays),
    frequency: fairEdges(freq, buyers, byFreq),
    monetary: fairEdges(mon, buyers, byMon),
    mean: { recencyDays: mean(sumDays), frequency: mean(sumFreq), monetary: mean(sumMon) },
    tierMoney: tierCutOffs(mon, byMon, policy.tierShares),
    percentiles: {
      recencyDays: percentileTable(days, buyers, byDays),
      frequency: percentileTable(freq, buyers, byFreq),
      monetary: percentileTable(mon, buyers, byMon),
    },
  }
}

/**
 * Pareto tiers as money: buyers by spend, largest first; a buyer is A while those above hold less than
 * share `a` of all spend (the one crossing the line is still A), B until `a + b`. The cut-off is the least
 * spend in the tier, so every buyer with as much is in it too (equal spend, equal tier).
 */
function tierCutOffs(
  mon: Float64Array,
  ascending: Int32Array,
  shares: ServicePolicy['tierShares'],
): ClassificationThresholds['tierMoney'] {
  let total = 0
  for (let i = 0; i < ascending.length; i++) total += mon[i] as number
  let a: number | null = null
  let b: number | null = null
  let before = 0
  for (let k = ascending.length - 1; k >= 0; k--) {
    const m = mon[ascending[k] as number] as number
    const share = before / total
    if (share < shares.a) a = m
    else if (share < shares.a + shares.b) b = m
    else break
    before += m
  }
  // With nobody in B (A took it all), B starts where A does.
  return { a, b: b ?? a }
}

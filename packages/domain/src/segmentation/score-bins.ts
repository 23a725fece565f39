import { orderByValue, rankEdges } from './quintile-scores.ts'

/**
 * Fair quintile scores: customers with equal values get equal scores. Each group of equal values takes
 * the bin its middle rank falls in (with pandas' rank edges, so without ties the scores equal
 * `qcut(rank(method='first'))`), which keeps the bins as balanced as the ties allow. The bins are then
 * written as value edges, so a customer outside the population (a new order on a phone) is scored the
 * same way: score = 1 + the number of edges below its value.
 */

const BINS = 5

/**
 * Four ascending value edges of `values[0..count)`: `edges[j]` is the largest value whose group lands in
 * bins 1..j+1, or null when no group does. `byValue` is the index order by value (`orderByValue`).
 */
export function fairEdges(
  values: ArrayLike<number>,
  count: number,
  byValue: Int32Array = orderByValue(values, count),
): (number | null)[] {
  const edges: (number | null)[] = [null, null, null, null]
  if (count === 0) return edges
  const rank = rankEdges(count)
  let k = 0
  while (k < count) {
    const v = values[byValue[k] as number] as number
    let e = k + 1
    while (e < count && values[byValue[e] as number] === v) e++
    const mid = (k + 1 + e) / 2
    let bin = 1
    for (const x of rank) if (mid > x) bin++
    // This group is the largest value so far in every bin from its own up.
    for (let j = bin - 1; j < BINS - 1; j++) edges[j] = v
    k = e
  }
  return edges
}

/** Score 1–5 of a value against ascending edges (null edges count as below every value). */
export function scoreByEdges(value: number, edges: readonly (number | null)[]): number {
  let s = 1
  for (const e of edges) if (e === null || value > e) s++
  return s
}

/** Number of points in a percentile table (0 %, 1 %, …, 100 %). */
export const PERCENTILE_POINTS = 101

/** Values at 0 %, 1 %, …, 100 % of `values[0..count)` (numpy's linear quantiles); [] when empty. */
export function percentileTable(
  values: ArrayLike<number>,
  count: number,
  byValue: Int32Array = orderByValue(values, count),
): number[] {
  if (count === 0) return []
  const out: number[] = []
  for (let p = 0; p < PERCENTILE_POINTS; p++) {
    const at = ((count - 1) * p) / (PERCENTILE_POINTS - 1)
    const lo = Math.floor(at)
    const hi = Math.min(count - 1, lo + 1)
    const a = values[byValue[lo] as number] as number
    const b = values[byValue[hi] as number] as number
    out.push(a + (b - a) * (at - lo))
  }
  return out
}

/**
 * Where a value sits 0..1 in a percentile table: equal values share one place (the middle of the points
 * equal to it), values between points are interpolated. 0.5 without a table.
 */
export function percentileOf(value: number, table: readonly number[]): number {
  const n = table.length
  if (n < 2) return 0.5
  const below = countBelow(table, value, false)
  const upTo = countBelow(table, value, true)
  let pos: number
  if (upTo > below) pos = (below + upTo - 1) / 2
  else if (below === 0) pos = 0
  else if (below === n) pos = n - 1
  else {
    const a = table[below - 1] as number
    const b = table[below] as number
    pos = below - 1 + (value - a) / (b - a)
  }
  return pos / (n - 1)
}

/** Number of entries of the ascending `table` below `value` (or at most `value` with `orEqual`). */
function countBelow(table: readonly number[], value: number, orEqual: boolean): number {
  let lo = 0
  let hi = table.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    const t = table[mid] as number
    if (t < value || (orEqual && t === value)) lo = mid + 1
    else hi = mid
  }
  return lo
}

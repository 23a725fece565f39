/**
 * Scores 1–5 as pandas computes `qcut(series.rank(method='first'), 5)`: ranks 1..n, ties broken by
 * position (customers are sorted by id, so the lower id ranks first), bins edged at numpy's linear
 * quantiles of the ranks, right-closed. The float edges are reproduced exactly, because with n − 1
 * divisible by 5 an edge falls right on a rank and the rounding decides its bin.
 */

const BINS = 5

/** numpy.linspace(0, 1, 6): arange × step, last value pinned to 1. */
const QUANTILES = [0, 1, 2, 3, 4, 5].map((i) => (i === BINS ? 1 : i * (1 / BINS)))

/** Upper bin edges (numpy `quantile`, linear method) of the ranks 1..n. */
export function rankEdges(n: number): number[] {
  const edges: number[] = []
  for (let j = 1; j < BINS; j++) {
    const v = (n - 1) * (QUANTILES[j] as number)
    const lo = Math.floor(v)
    const t = v - lo
    const a = lo + 1 // ranks are 1-based: sorted[lo] = lo + 1
    // numpy's _lerp: a + diff·t, or b − diff·(1 − t) when t ≥ 0.5 (diff = 1 between consecutive ranks)
    edges.push(t >= 0.5 ? a + 1 - (1 - t) : a + t)
  }
  return edges
}

/** Bin (1..5) of rank r (1-based) among n. */
function binOfRank(r: number, edges: readonly number[]): number {
  let bin = 1
  for (const e of edges) if (r > e) bin++
  return bin
}

/**
 * Indices 0..count-1 ordered by value, ties by index. When the values are integers small enough to pack
 * value and index into one exact double, a plain numeric sort does it (much faster than a comparator).
 */
export function orderByValue(values: ArrayLike<number>, count: number): Int32Array {
  const order = new Int32Array(count)
  let packable = true
  let min = 0
  let max = 0
  for (let i = 0; i < count; i++) {
    const v = values[i] as number
    if (!Number.isInteger(v)) {
      packable = false
      break
    }
    if (i === 0 || v < min) min = v
    if (i === 0 || v > max) max = v
  }
  if (packable && (max - min + 1) * count < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(count)
    for (let i = 0; i < count; i++) keys[i] = ((values[i] as number) - min) * count + i
    keys.sort()
    for (let k = 0; k < count; k++) order[k] = (keys[k] as number) % count
    return order
  }
  for (let i = 0; i < count; i++) order[i] = i
  return order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b)
}

/**
 * Writes into `out[i]` the quintile score of `values[i]` among `count` values (entries of `values` past
 * `count` are ignored). Ascending values get ascending scores, unless `reverse` (recency: fewer days = 5).
 * Equal values keep index order (customers are sorted by id), which is pandas' 'first' tie-break.
 * Returns the order it ranked by, for `midRankPercentiles`.
 */
export function quintileScores(
  values: ArrayLike<number>,
  count: number,
  out: Uint8Array,
  reverse: boolean,
): Int32Array {
  const order = orderByValue(values, count)
  if (count === 0) return order
  const edges = rankEdges(count)
  for (let k = 0; k < count; k++) {
    const bin = binOfRank(k + 1, edges)
    out[order[k] as number] = reverse ? BINS + 1 - bin : bin
  }
  return order
}

/**
 * Mid-rank percentile 0..1 of each value among `count` (equal values share one percentile), so a score
 * built on it treats customers with the same facts the same way. `order` lists indices by value.
 */
export function midRankPercentiles(
  values: ArrayLike<number>,
  count: number,
  out: Float64Array,
  order: Int32Array = orderByValue(values, count),
): void {
  if (count === 0) return
  if (count === 1) {
    out[0] = 0.5
    return
  }
  let k = 0
  while (k < count) {
    const v = values[order[k] as number] as number
    let e = k + 1
    while (e < count && values[order[e] as number] === v) e++
    const p = (k + e - 1) / 2 / (count - 1)
    for (let j = k; j < e; j++) out[order[j] as number] = p
    k = e
  }
}

/** Sorts `a[from..to)` ascending in place: insertion sort for the short runs most customers have. */
export function sortRange(a: Int32Array, from: number, to: number): void {
  if (to - from > 32) {
    a.subarray(from, to).sort()
    return
  }
  for (let i = from + 1; i < to; i++) {
    const v = a[i] as number
    let j = i - 1
    while (j >= from && (a[j] as number) > v) {
      a[j + 1] = a[j] as number
      j--
    }
    a[j + 1] = v
  }
}

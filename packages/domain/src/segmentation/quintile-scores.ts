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
function rankEdges(n: number): number[] {
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
 * Writes into `out[i]` the quintile score of `values[i]` among `count` values (entries of `values` past
 * `count` are ignored). Ascending values get ascending scores, unless `reverse` (recency: fewer days = 5).
 * `rankOut`, when given, receives each value's 1-based rank.
 */
export function quintileScores(
  values: ArrayLike<number>,
  count: number,
  out: Uint8Array,
  reverse: boolean,
  rankOut?: Int32Array,
): void {
  if (count === 0) return
  const order = new Int32Array(count)
  for (let i = 0; i < count; i++) order[i] = i
  // Stable by index: equal values keep id order, which is the 'first' tie-break.
  order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b)
  const edges = rankEdges(count)
  for (let k = 0; k < count; k++) {
    const i = order[k] as number
    const bin = binOfRank(k + 1, edges)
    out[i] = reverse ? BINS + 1 - bin : bin
    if (rankOut) rankOut[i] = k + 1
  }
}

/**
 * Mid-rank percentile 0..1 of each value among `count` (equal values share one percentile), so a score
 * built on it treats customers with the same facts the same way.
 */
export function midRankPercentiles(values: ArrayLike<number>, count: number, out: Float64Array): void {
  if (count === 0) return
  if (count === 1) {
    out[0] = 0.5
    return
  }
  const order = new Int32Array(count)
  for (let i = 0; i < count; i++) order[i] = i
  order.sort((a, b) => (values[a] as number) - (values[b] as number))
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

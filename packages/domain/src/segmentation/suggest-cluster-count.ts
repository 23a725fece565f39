import { createRng } from '../random/seeded-random.ts'
import { kMeans } from './k-means.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'

export interface ClusterCountCandidate {
  k: number
  inertia: number
  /** Mean silhouette (−1..1) of a seeded sample of points; higher = better separated clusters. */
  silhouette: number
  /** The run's k × dims centres (row-major) and each point's cluster, for callers that show the clusters. */
  centers: Float64Array
  labels: Int32Array
}

export interface ClusterCountSuggestion {
  k: number
  candidates: ClusterCountCandidate[]
}

export interface SuggestClusterCountOptions {
  minK?: number
  maxK?: number
  /** Points used for the silhouette (it is quadratic in this). */
  sampleSize?: number
  seed?: number
  restarts?: number
}

/** Mean silhouette of the sampled points: (b − a) / max(a, b), a = own cluster, b = nearest other. */
function sampledSilhouette(
  points: Float64Array,
  dims: number,
  labels: Int32Array,
  k: number,
  sample: Int32Array,
): number {
  const sums = new Float64Array(k)
  const counts = new Int32Array(k)
  let total = 0
  for (const i of sample) {
    sums.fill(0)
    counts.fill(0)
    for (const j of sample) {
      if (i === j) continue
      let s = 0
      for (let d = 0; d < dims; d++) {
        const x = (points[i * dims + d] as number) - (points[j * dims + d] as number)
        s += x * x
      }
      const c = labels[j] as number
      sums[c] = (sums[c] as number) + Math.sqrt(s)
      counts[c] = (counts[c] as number) + 1
    }
    const own = labels[i] as number
    if ((counts[own] as number) === 0) continue // a singleton scores 0
    const a = (sums[own] as number) / (counts[own] as number)
    let b = Number.POSITIVE_INFINITY
    for (let c = 0; c < k; c++)
      if (c !== own && (counts[c] as number) > 0) b = Math.min(b, (sums[c] as number) / (counts[c] as number))
    if (Number.isFinite(b) && Math.max(a, b) > 0) total += (b - a) / Math.max(a, b)
  }
  return total / sample.length
}

/**
 * Suggests a number of clusters: runs k-means for each k in [minK, maxK] and picks the k with the best
 * mean silhouette on a seeded sample (inertia always falls with k, so the elbow alone rarely decides;
 * the inertias are returned so a chart can show it).
 */
export function suggestClusterCount(
  points: Float64Array,
  dims: number,
  options: SuggestClusterCountOptions = {},
): SegmentationResult<ClusterCountSuggestion> {
  const n = Math.floor(points.length / dims)
  const { minK = 2, maxK = 8, sampleSize = 1000, seed = 0, restarts = 4 } = options
  const top = Math.min(maxK, n - 1)
  if (minK < 2 || top < minK)
    return segmentationError('bad_options', `need at least ${minK + 1} points and 2 ≤ minK ≤ maxK`)
  const random = createRng(seed ^ 0x5eed).next
  const picked = new Int32Array(n)
  for (let i = 0; i < n; i++) picked[i] = i
  const m = Math.min(sampleSize, n)
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (n - i))
    const t = picked[i] as number
    picked[i] = picked[j] as number
    picked[j] = t
  }
  const sample = picked.subarray(0, m)
  const candidates: ClusterCountCandidate[] = []
  for (let k = minK; k <= top; k++) {
    const run = kMeans(points, dims, { k, seed, restarts })
    if (!run.ok) return run
    candidates.push({
      k,
      inertia: run.value.inertia,
      silhouette: sampledSilhouette(points, dims, run.value.labels, k, sample),
      centers: run.value.centers,
      labels: run.value.labels,
    })
  }
  let best = candidates[0] as ClusterCountCandidate
  for (const c of candidates) if (c.silhouette > best.silhouette) best = c
  return { ok: true, value: { k: best.k, candidates } }
}

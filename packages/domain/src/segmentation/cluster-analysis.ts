import { type ClusterModel, MAX_CLUSTERS, MIN_CLUSTERS, type RfmFacts } from './cluster-model.ts'
import { fitRfmScaling, type RfmScaling, scaleRfm } from './rfm-features.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'
import { suggestClusterCount } from './suggest-cluster-count.ts'

/** One cluster of a candidate clustering, as the supervisor's screen shows it. */
export interface ClusterDescription {
  /** On the scaled R/F/M space (what a saved model keeps). */
  centre: [number, number, number]
  size: number
  /** Mean recency days, frequency and spend of its buyers, in their own units. */
  mean: { recencyDays: number; frequency: number; monetary: number }
}

export interface ClusterCandidate {
  k: number
  /** Sum of squared distances to the centres (the elbow chart). */
  inertia: number
  /** Mean silhouette of a seeded sample (−1..1, higher = better separated). */
  silhouette: number
  /** Biggest spenders first, so the same data always lists its clusters in the same order. */
  clusters: ClusterDescription[]
}

export interface ClusterAnalysis {
  /** Buyers clustered (customers who never bought have no recency and are left out). */
  population: number
  scaling: RfmScaling
  /** The k with the best silhouette. */
  suggestedK: number
  candidates: ClusterCandidate[]
}

export interface ClusterAnalysisOptions {
  minK?: number
  maxK?: number
  seed?: number
  restarts?: number
  sampleSize?: number
}

/**
 * k-means over the buyers' standardized R/F/M for each k from `minK` to `maxK` (2..8), with the elbow
 * (inertia), the silhouette and the suggested k, and each cluster's size and mean R/F/M. Deterministic
 * for a seed. The supervisor's clusters screen runs it in a worker.
 */
export function analyseClusters(
  rows: readonly RfmFacts[],
  options: ClusterAnalysisOptions = {},
): SegmentationResult<ClusterAnalysis> {
  const { minK = MIN_CLUSTERS, maxK = MAX_CLUSTERS, seed = 0, restarts = 4, sampleSize = 1000 } = options
  const buyers = rows.filter(
    (r): r is RfmFacts & { recencyDays: number } => r.recencyDays !== null && r.frequency > 0,
  )
  const n = buyers.length
  if (minK < MIN_CLUSTERS || maxK > MAX_CLUSTERS || minK > maxK)
    return segmentationError('bad_options', `k runs from ${MIN_CLUSTERS} to ${MAX_CLUSTERS}`)
  if (n <= minK)
    return segmentationError(
      'too_few_buyers',
      `clustering needs more than ${minK} customers who bought, got ${n}`,
    )
  const rec = buyers.map((b) => b.recencyDays)
  const freq = buyers.map((b) => b.frequency)
  const mon = buyers.map((b) => b.monetary)
  const scaling = fitRfmScaling(rec, freq, mon)
  const points = scaleRfm(scaling, rec, freq, mon)
  const suggestion = suggestClusterCount(points, 3, { minK, maxK, seed, restarts, sampleSize })
  if (!suggestion.ok) return suggestion
  const candidates = suggestion.value.candidates.map((c): ClusterCandidate => {
    const sums = Array.from({ length: c.k }, () => ({ size: 0, r: 0, f: 0, m: 0 }))
    for (let i = 0; i < n; i++) {
      const s = sums[c.labels[i] as number] as { size: number; r: number; f: number; m: number }
      s.size++
      s.r += rec[i] as number
      s.f += freq[i] as number
      s.m += mon[i] as number
    }
    const clusters = sums.map(
      (s, j): ClusterDescription => ({
        centre: [c.centers[j * 3] as number, c.centers[j * 3 + 1] as number, c.centers[j * 3 + 2] as number],
        size: s.size,
        mean:
          s.size === 0
            ? { recencyDays: 0, frequency: 0, monetary: 0 }
            : { recencyDays: s.r / s.size, frequency: s.f / s.size, monetary: s.m / s.size },
      }),
    )
    clusters.sort(
      (a, b) => b.centre[2] - a.centre[2] || b.centre[1] - a.centre[1] || a.centre[0] - b.centre[0],
    )
    return { k: c.k, inertia: c.inertia, silhouette: c.silhouette, clusters }
  })
  return { ok: true, value: { population: n, scaling, suggestedK: suggestion.value.k, candidates } }
}

/** What a supervisor saves of an analysis: the chosen k's centres, the scaling and the names given. */
export type ClusterModelInput = Pick<
  ClusterModel,
  'k' | 'centres' | 'scaling' | 'names' | 'computedAt' | 'asOf' | 'population'
>

/** The model to save from an analysis at `k`, with one name per cluster (missing names are empty). */
export function clusterModelInput(
  analysis: ClusterAnalysis,
  k: number,
  names: readonly { en: string; zh: string }[],
  computedAt: string,
  asOf: string,
): ClusterModelInput | null {
  const candidate = analysis.candidates.find((c) => c.k === k)
  if (!candidate) return null
  return {
    k,
    centres: candidate.clusters.map((c) => c.centre),
    scaling: analysis.scaling,
    names: candidate.clusters.map((_, i) => ({
      en: names[i]?.en.trim() ?? '',
      zh: names[i]?.zh.trim() ?? '',
    })),
    computedAt,
    asOf,
    population: analysis.population,
  }
}

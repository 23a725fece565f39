import { createRng } from '../random/seeded-random.ts'
import { lloydIterations } from './lloyd-iterations.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'

export interface KMeansOptions {
  k: number
  /** Same seed, same data → same clusters. */
  seed?: number
  /** Independent k-means++ starts; the one with the least inertia wins (scikit-learn's n_init). */
  restarts?: number
  maxIterations?: number
  /** Stop when the centres move less than this × the mean feature variance (squared, summed). */
  tolerance?: number
}

export interface KMeansResult {
  k: number
  /** Cluster of each point. */
  labels: Int32Array
  /** k × dims centres, row-major. */
  centers: Float64Array
  /** Sum of squared distances of points to their centres. */
  inertia: number
  iterations: number
}

/**
 * k-means++ seeding as scikit-learn does it (greedy: 2 + ⌊ln k⌋ candidates per centre, the one that
 * lowers the potential most wins), so restarts land in the same basins as the reference implementation.
 */
function seedCenters(
  points: Float64Array,
  n: number,
  dims: number,
  k: number,
  random: () => number,
): Float64Array {
  const centers = new Float64Array(k * dims)
  const closest = new Float64Array(n)
  const candidateDist = new Float64Array(n)
  const bestDist = new Float64Array(n)
  const first = Math.min(n - 1, Math.floor(random() * n))
  for (let d = 0; d < dims; d++) centers[d] = points[first * dims + d] as number
  let potential = 0
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let d = 0; d < dims; d++) {
      const x = (points[i * dims + d] as number) - (centers[d] as number)
      s += x * x
    }
    closest[i] = s
    potential += s
  }
  const trials = 2 + Math.floor(Math.log(k))
  for (let c = 1; c < k; c++) {
    let bestPotential = Number.POSITIVE_INFINITY
    let bestCandidate = 0
    for (let t = 0; t < trials; t++) {
      // Sample proportionally to the squared distance to the nearest chosen centre.
      let target = random() * potential
      let candidate = n - 1
      for (let i = 0; i < n; i++) {
        target -= closest[i] as number
        if (target < 0) {
          candidate = i
          break
        }
      }
      let candidatePotential = 0
      if (dims === 3) {
        // Unrolled for the three RFM features: the same sums, in the same order, as the loop below.
        const q = candidate * 3
        const c0 = points[q] as number
        const c1 = points[q + 1] as number
        const c2 = points[q + 2] as number
        for (let i = 0, p = 0; i < n; i++, p += 3) {
          const a = (points[p] as number) - c0
          const b = (points[p + 1] as number) - c1
          const e = (points[p + 2] as number) - c2
          const m = Math.min(a * a + b * b + e * e, closest[i] as number)
          candidateDist[i] = m
          candidatePotential += m
        }
      } else {
        for (let i = 0; i < n; i++) {
          let s = 0
          for (let d = 0; d < dims; d++) {
            const x = (points[i * dims + d] as number) - (points[candidate * dims + d] as number)
            s += x * x
          }
          const m = Math.min(s, closest[i] as number)
          candidateDist[i] = m
          candidatePotential += m
        }
      }
      if (candidatePotential < bestPotential) {
        bestPotential = candidatePotential
        bestCandidate = candidate
        bestDist.set(candidateDist)
      }
    }
    for (let d = 0; d < dims; d++) centers[c * dims + d] = points[bestCandidate * dims + d] as number
    closest.set(bestDist)
    potential = bestPotential
  }
  return centers
}

/** Assigns each point to its nearest centre; returns the inertia and how many labels changed. */
function assign(
  points: Float64Array,
  n: number,
  dims: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  distances: Float64Array,
): { inertia: number; changed: number } {
  if (dims === 3) return assign3(points, n, k, centers, labels, distances)
  let inertia = 0
  let changed = 0
  for (let i = 0; i < n; i++) {
    let best = 0
    let bestD = Number.POSITIVE_INFINITY
    const p = i * dims
    for (let c = 0; c < k; c++) {
      const q = c * dims
      let s = 0
      for (let d = 0; d < dims; d++) {
        const x = (points[p + d] as number) - (centers[q + d] as number)
        s += x * x
      }
      if (s < bestD) {
        bestD = s
        best = c
      }
    }
    if (labels[i] !== best) {
      labels[i] = best
      changed++
    }
    distances[i] = bestD
    inertia += bestD
  }
  return { inertia, changed }
}

/** `assign` unrolled for the three RFM features, the case every segmentation run hits. */
function assign3(
  points: Float64Array,
  n: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  distances: Float64Array,
): { inertia: number; changed: number } {
  let inertia = 0
  let changed = 0
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const x0 = points[p] as number
    const x1 = points[p + 1] as number
    const x2 = points[p + 2] as number
    let best = 0
    let bestD = Number.POSITIVE_INFINITY
    for (let c = 0, q = 0; c < k; c++, q += 3) {
      const a = x0 - (centers[q] as number)
      const b = x1 - (centers[q + 1] as number)
      const d = x2 - (centers[q + 2] as number)
      const s = a * a + b * b + d * d
      if (s < bestD) {
        bestD = s
        best = c
      }
    }
    if (labels[i] !== best) {
      labels[i] = best
      changed++
    }
    distances[i] = bestD
    inertia += bestD
  }
  return { inertia, changed }
}

/** Mean over features of the population variance (scales the stopping tolerance, as scikit-learn does). */
function meanVariance(points: Float64Array, n: number, dims: number): number {
  let total = 0
  for (let d = 0; d < dims; d++) {
    let mean = 0
    for (let i = 0; i < n; i++) mean += points[i * dims + d] as number
    mean /= n
    let v = 0
    for (let i = 0; i < n; i++) {
      const x = (points[i * dims + d] as number) - mean
      v += x * x
    }
    total += v / n
  }
  return total / dims
}

/**
 * Lloyd's k-means with k-means++ starts over `n = points.length / dims` points (row-major). Stops a run
 * when no label changes or the centres barely move; keeps the run with the least inertia.
 */
export function kMeans(
  points: Float64Array,
  dims: number,
  options: KMeansOptions,
): SegmentationResult<KMeansResult> {
  const n = dims > 0 ? Math.floor(points.length / dims) : 0
  const { k, seed = 0, restarts = 10, maxIterations = 300, tolerance = 1e-4 } = options
  if (!Number.isInteger(dims) || dims < 1 || n * dims !== points.length) {
    return segmentationError('bad_options', `points must hold n × ${dims} numbers`)
  }
  if (!Number.isInteger(k) || k < 1 || k > n)
    return segmentationError('bad_options', `k must be an integer from 1 to ${n}, got ${k}`)
  if (!Number.isInteger(restarts) || restarts < 1)
    return segmentationError('bad_options', 'restarts must be a positive integer')
  const random = createRng(seed).next
  const tol = meanVariance(points, n, dims) * tolerance
  let best: KMeansResult | null = null
  const distances = new Float64Array(n)
  for (let run = 0; run < restarts; run++) {
    const centers = seedCenters(points, n, dims, k, random)
    const labels = new Int32Array(n).fill(-1)
    const iterations = lloydIterations(points, n, dims, k, centers, labels, maxIterations, tol)
    // Labels and inertia must describe the final centres.
    const { inertia } = assign(points, n, dims, k, centers, labels, distances)
    if (best === null || inertia < best.inertia) best = { k, labels, centers, inertia, iterations }
  }
  return { ok: true, value: best as KMeansResult }
}

/**
 * Lloyd's k-means iterations with Hamerly's bounds: each point keeps an upper bound on the distance to
 * its centre and a lower bound on the distance to any other; while the bounds say the nearest centre
 * cannot have changed, the point is skipped. Same assignments as plain Lloyd, far fewer distances.
 */

function distance(points: Float64Array, p: number, centers: Float64Array, q: number, dims: number): number {
  if (dims === 3) {
    // Unrolled for the three RFM features; the same sum, in the same order, as the loop below.
    const a = (points[p] as number) - (centers[q] as number)
    const b = (points[p + 1] as number) - (centers[q + 1] as number)
    const c = (points[p + 2] as number) - (centers[q + 2] as number)
    return Math.sqrt(a * a + b * b + c * c)
  }
  let s = 0
  for (let d = 0; d < dims; d++) {
    const x = (points[p + d] as number) - (centers[q + d] as number)
    s += x * x
  }
  return Math.sqrt(s)
}

/** Nearest and second-nearest centre of point i, written into labels/upper/lower; true if the label changed. */
function scan(
  points: Float64Array,
  i: number,
  dims: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  upper: Float64Array,
  lower: Float64Array,
): boolean {
  let best = 0
  let d1 = Number.POSITIVE_INFINITY
  let d2 = Number.POSITIVE_INFINITY
  for (let c = 0; c < k; c++) {
    const d = distance(points, i * dims, centers, c * dims, dims)
    if (d < d1) {
      d2 = d1
      d1 = d
      best = c
    } else if (d < d2) d2 = d
  }
  upper[i] = d1
  lower[i] = d2
  if (labels[i] === best) return false
  labels[i] = best
  return true
}

/**
 * Moves centres to their points' means; an empty cluster takes the point farthest from its centre.
 * Writes each centre's move into `moves`; returns the summed squared move.
 */
function moveCenters(
  points: Float64Array,
  n: number,
  dims: number,
  k: number,
  labels: Int32Array,
  centers: Float64Array,
  moves: Float64Array,
): number {
  const sums = new Float64Array(k * dims)
  const counts = new Int32Array(k)
  if (dims === 3) {
    for (let i = 0, p = 0; i < n; i++, p += 3) {
      const c = labels[i] as number
      counts[c] = (counts[c] as number) + 1
      const q = c * 3
      sums[q] = (sums[q] as number) + (points[p] as number)
      sums[q + 1] = (sums[q + 1] as number) + (points[p + 1] as number)
      sums[q + 2] = (sums[q + 2] as number) + (points[p + 2] as number)
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = labels[i] as number
      counts[c] = (counts[c] as number) + 1
      for (let d = 0; d < dims; d++)
        sums[c * dims + d] = (sums[c * dims + d] as number) + (points[i * dims + d] as number)
    }
  }
  let shift = 0
  let taken: Uint8Array | null = null
  for (let c = 0; c < k; c++) {
    const count = counts[c] as number
    let far = -1
    if (count === 0) {
      taken ??= new Uint8Array(n)
      let farD = -1
      for (let i = 0; i < n; i++) {
        if (taken[i]) continue
        const own = labels[i] as number
        const d = distance(points, i * dims, centers, own * dims, dims)
        if (d > farD) {
          farD = d
          far = i
        }
      }
      taken[far] = 1
    }
    let move = 0
    for (let d = 0; d < dims; d++) {
      const next = count > 0 ? (sums[c * dims + d] as number) / count : (points[far * dims + d] as number)
      const x = next - (centers[c * dims + d] as number)
      move += x * x
      centers[c * dims + d] = next
    }
    moves[c] = Math.sqrt(move)
    shift += move
  }
  return shift
}

/**
 * Runs Lloyd iterations from the given centres until no label changes, the centres move less than `tol`
 * (summed squared), or `maxIterations`. Updates `centers` and `labels`; returns the iterations run.
 */
export function lloydIterations(
  points: Float64Array,
  n: number,
  dims: number,
  k: number,
  centers: Float64Array,
  labels: Int32Array,
  maxIterations: number,
  tol: number,
): number {
  const upper = new Float64Array(n)
  const lower = new Float64Array(n)
  const moves = new Float64Array(k)
  const half = new Float64Array(k)
  for (let i = 0; i < n; i++) scan(points, i, dims, k, centers, labels, upper, lower)
  let iterations = 1
  while (true) {
    if (moveCenters(points, n, dims, k, labels, centers, moves) <= tol || iterations >= maxIterations) break
    iterations++
    // Bounds follow the centres: own centre may be farther by its move, others nearer by the largest move.
    let maxMove = 0
    let maxAt = -1
    let secondMove = 0
    for (let c = 0; c < k; c++) {
      const m = moves[c] as number
      if (m > maxMove) {
        secondMove = maxMove
        maxMove = m
        maxAt = c
      } else if (m > secondMove) secondMove = m
    }
    for (let c = 0; c < k; c++) {
      let nearest = Number.POSITIVE_INFINITY
      for (let o = 0; o < k; o++) {
        if (o !== c) nearest = Math.min(nearest, distance(centers, c * dims, centers, o * dims, dims))
      }
      half[c] = nearest / 2
    }
    let changed = 0
    for (let i = 0; i < n; i++) {
      const a = labels[i] as number
      // Bounds follow the centres first, then tell whether the point needs a look.
      const up = (upper[i] as number) + (moves[a] as number)
      const low = (lower[i] as number) - (a === maxAt ? secondMove : maxMove)
      lower[i] = low
      const bound = Math.max(half[a] as number, low)
      if (up <= bound) {
        upper[i] = up
        continue
      }
      const exact = distance(points, i * dims, centers, a * dims, dims)
      upper[i] = exact
      if (exact <= bound) continue
      if (scan(points, i, dims, k, centers, labels, upper, lower)) changed++
    }
    if (changed === 0) break
  }
  return iterations
}

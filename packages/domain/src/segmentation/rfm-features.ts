/**
 * Clustering features: log1p of recency days, frequency and monetary (spend is heavy-tailed, log evens it
 * out), each z-scored with the population standard deviation, in that column order. A constant column
 * stays 0 rather than dividing by zero.
 */
export function rfmFeatures(
  recencyDays: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): Float64Array {
  const n = recencyDays.length
  const x = new Float64Array(n * 3)
  const columns = [recencyDays, frequency, monetary]
  for (let d = 0; d < 3; d++) {
    const col = columns[d] as ArrayLike<number>
    let mean = 0
    for (let i = 0; i < n; i++) {
      const v = Math.log1p(Math.max(0, col[i] as number))
      x[i * 3 + d] = v
      mean += v
    }
    mean /= n
    let variance = 0
    for (let i = 0; i < n; i++) {
      const dv = (x[i * 3 + d] as number) - mean
      variance += dv * dv
    }
    const std = Math.sqrt(variance / n)
    for (let i = 0; i < n; i++) x[i * 3 + d] = std > 0 ? ((x[i * 3 + d] as number) - mean) / std : 0
  }
  return x
}

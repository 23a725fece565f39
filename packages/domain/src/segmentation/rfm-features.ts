/** How R/F/M are put on one scale: the mean and population standard deviation of log1p of each. */
export interface RfmScaling {
  /** Recency days, frequency, monetary, in that order. */
  mean: [number, number, number]
  std: [number, number, number]
}

/** The scaling of a population (its buyers' recency days, frequencies and spends). */
export function fitRfmScaling(
  recencyDays: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): RfmScaling {
  const n = recencyDays.length
  const columns = [recencyDays, frequency, monetary]
  const mean: [number, number, number] = [0, 0, 0]
  const std: [number, number, number] = [0, 0, 0]
  for (let d = 0; d < 3; d++) {
    const col = columns[d] as ArrayLike<number>
    let m = 0
    for (let i = 0; i < n; i++) m += Math.log1p(Math.max(0, col[i] as number))
    m /= n
    let variance = 0
    for (let i = 0; i < n; i++) {
      const dv = Math.log1p(Math.max(0, col[i] as number)) - m
      variance += dv * dv
    }
    mean[d] = m
    std[d] = Math.sqrt(variance / n)
  }
  return { mean, std }
}

/** One value on a column's scale; a constant column (std 0) gives 0 rather than dividing by zero. */
export function scaleRfmValue(scaling: RfmScaling, column: 0 | 1 | 2, value: number): number {
  const std = scaling.std[column]
  return std > 0 ? (Math.log1p(Math.max(0, value)) - scaling.mean[column]) / std : 0
}

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
  return scaleRfm(fitRfmScaling(recencyDays, frequency, monetary), recencyDays, frequency, monetary)
}

/** Points (n × 3, row-major) on a given scaling: a saved model's, so new customers land on its centres. */
export function scaleRfm(
  scaling: RfmScaling,
  recencyDays: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): Float64Array {
  const n = recencyDays.length
  const x = new Float64Array(n * 3)
  const columns = [recencyDays, frequency, monetary]
  for (const d of [0, 1, 2] as const) {
    const col = columns[d] as ArrayLike<number>
    for (let i = 0; i < n; i++) x[i * 3 + d] = scaleRfmValue(scaling, d, col[i] as number)
  }
  return x
}

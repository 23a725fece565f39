import type { RfmScores } from './compute-rfm.ts'
import { kMeans } from './k-means.ts'
import type { PurchaseTable } from './purchase-table.ts'
import { rfmFeatures } from './rfm-features.ts'
import type { SegmentationResult } from './segmentation-error.ts'

export interface ClusterOptions {
  k: number
  seed?: number
  restarts?: number
}

export interface ClusterSummary {
  k: number
  inertia: number
  sizes: number[]
  centers: number[][]
}

/** k-means over the buyers' RFM features; cluster of each customer index (-1 for non-buyers). */
export function clusterBuyers(
  table: PurchaseTable,
  rfm: RfmScores,
  options: ClusterOptions,
): SegmentationResult<{ of: Int32Array; summary: ClusterSummary }> {
  const n = table.customerIds.length
  const buyers = new Int32Array(rfm.buyers)
  const rec = new Float64Array(rfm.buyers)
  const freq = new Float64Array(rfm.buyers)
  const mon = new Float64Array(rfm.buyers)
  let b = 0
  for (let c = 0; c < n; c++) {
    if ((table.frequency[c] as number) === 0) continue
    buyers[b] = c
    rec[b] = rfm.recencyDays[c] as number
    freq[b] = table.frequency[c] as number
    mon[b] = table.monetary[c] as number
    b++
  }
  const run = kMeans(rfmFeatures(rec, freq, mon), 3, {
    k: Math.min(options.k, rfm.buyers),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.restarts === undefined ? {} : { restarts: options.restarts }),
  })
  if (!run.ok) return run
  const of = new Int32Array(n).fill(-1)
  const sizes = new Array<number>(run.value.k).fill(0)
  for (let i = 0; i < buyers.length; i++) {
    const label = run.value.labels[i] as number
    of[buyers[i] as number] = label
    sizes[label] = (sizes[label] as number) + 1
  }
  const centers: number[][] = []
  for (let k = 0; k < run.value.k; k++) centers.push(Array.from(run.value.centers.subarray(k * 3, k * 3 + 3)))
  return { ok: true, value: { of, summary: { k: run.value.k, inertia: run.value.inertia, sizes, centers } } }
}

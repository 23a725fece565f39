import { describe, expect, it } from 'vitest'
import { createRng } from '../random/seeded-random.ts'
import { computeRfm } from './compute-rfm.ts'
import { kMeans } from './k-means.ts'
import { kmeansReference, retailLines } from './retail-fixture.test-helpers.ts'
import { rfmFeatures } from './rfm-features.ts'
import { suggestClusterCount } from './suggest-cluster-count.ts'

describe('kMeans on the Online Retail sample', { timeout: 30_000 }, () => {
  const report = computeRfm(retailLines(), '2011-12-10')
  if (!report.ok) throw new Error(report.error.message)
  const rows = report.value.rows
  const x = rfmFeatures(
    rows.map((r) => r.recencyDays),
    rows.map((r) => r.frequency),
    rows.map((r) => r.monetary),
  )
  const reference = kmeansReference()

  it.each([2, 3, 4, 5, 6, 7, 8])('k=%i: inertia within 0.5% of scikit-learn', (k) => {
    const result = kMeans(x, 3, { k, seed: 0, restarts: 10 })
    if (!result.ok) throw new Error(result.error.message)
    const ref = reference[String(k)] as number
    expect(Math.abs(result.value.inertia - ref) / ref).toBeLessThanOrEqual(0.005)
  })
})

describe('suggestClusterCount', () => {
  it('finds the number of well-separated groups', () => {
    const random = createRng(5).next
    const centres = [
      [0, 0, 0],
      [6, 0, 0],
      [0, 6, 0],
      [0, 0, 6],
    ]
    const points = new Float64Array(400 * 3)
    for (let i = 0; i < 400; i++) {
      const c = centres[i % 4] as number[]
      for (let d = 0; d < 3; d++) points[i * 3 + d] = (c[d] as number) + random() - 0.5
    }
    const result = suggestClusterCount(points, 3, { minK: 2, maxK: 7, seed: 1 })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.value.k).toBe(4)
    expect(result.value.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7])
    const inertias = result.value.candidates.map((c) => c.inertia)
    expect(inertias[2]).toBeLessThan((inertias[1] as number) / 2)
  })

  it('refuses impossible requests with a clear error', () => {
    expect(kMeans(new Float64Array(6), 3, { k: 3 }).ok).toBe(false)
    const bad = suggestClusterCount(new Float64Array(6), 3)
    expect(bad.ok || bad.error.code).toBe('bad_options')
  })
})

import { describe, expect, it } from 'vitest'
import { computeRfm } from './compute-rfm.ts'
import { kMeans } from './k-means.ts'
import { kmeansReference, retailLines } from './retail-fixture.test-helpers.ts'
import { rfmFeatures } from './rfm-features.ts'

describe('kMeans on the Online Retail sample', () => {
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

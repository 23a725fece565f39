import { describe, expect, it } from 'vitest'
import { daysFromCivil, formatDayNumber } from '../calendar/civil-day.ts'
import { createRng } from '../random/seeded-random.ts'
import { carryClusterIds } from './carry-cluster-ids.ts'
import { classifyCustomers } from './classify-customers.ts'
import { analyseClusters, clusterModelInput } from './cluster-analysis.ts'
import {
  type ClusterModel,
  clusterIndexOfId,
  clusterModelSchema,
  clusterOfRfm,
  nearestCentre,
  scaledRfm,
} from './cluster-model.ts'
import { defaultServicePolicy } from './default-service-policy.ts'
import { kMeans } from './k-means.ts'
import type { PurchaseLine } from './purchase-table.ts'
import { fitRfmScaling, rfmFeatures, scaleRfm } from './rfm-features.ts'

/** Three groups of buyers far apart in R/F/M: recent big spenders, steady mid buyers, lapsed small ones. */
function threeGroups(perGroup: number, seed = 3) {
  const random = createRng(seed).next
  const rows: { recencyDays: number; frequency: number; monetary: number }[] = []
  const groups = [
    { r: 3, f: 40, m: 40_000 },
    { r: 40, f: 8, m: 2_000 },
    { r: 300, f: 1, m: 60 },
  ]
  for (let i = 0; i < perGroup; i++)
    for (const g of groups)
      rows.push({
        recencyDays: Math.round(g.r * (0.85 + 0.3 * random())),
        frequency: Math.max(1, Math.round(g.f * (0.85 + 0.3 * random()))),
        monetary: g.m * (0.85 + 0.3 * random()),
      })
  return rows
}

describe('a saved cluster model', () => {
  it('puts a point in its nearest centre, the lower index on a tie', () => {
    const centres = [
      [0, 0, 0],
      [4, 0, 0],
      [0, 4, 0],
    ]
    expect(nearestCentre(centres, [3.1, 0.2, 0])).toBe(1)
    expect(nearestCentre(centres, [0.4, 2.9, 0.1])).toBe(2)
    expect(nearestCentre(centres, [-1, -1, -1])).toBe(0)
    expect(nearestCentre(centres, [2, 0, 0])).toBe(0)
  })

  it('scales a customer as the clustering scaled the population, and leaves non-buyers out', () => {
    const rec = [3, 40, 300, 12]
    const freq = [40, 8, 1, 2]
    const mon = [40_000, 2_000, 60, 300]
    const scaling = fitRfmScaling(rec, freq, mon)
    expect(Array.from(scaleRfm(scaling, rec, freq, mon))).toEqual(Array.from(rfmFeatures(rec, freq, mon)))
    expect(scaledRfm(scaling, { recencyDays: 40, frequency: 8, monetary: 2_000 })).toEqual(
      Array.from(rfmFeatures(rec, freq, mon).subarray(3, 6)),
    )
    const centres: [number, number, number][] = [
      scaledRfm(scaling, { recencyDays: 3, frequency: 40, monetary: 40_000 }),
      [0, 0, 0],
    ]
    const model = { scaling, centres }
    expect(clusterOfRfm(model, { recencyDays: 5, frequency: 30, monetary: 35_000 })).toBe(0)
    expect(clusterOfRfm(model, { recencyDays: null, frequency: 0, monetary: 0 })).toBeNull()
  })
})

describe('analyseClusters', () => {
  const rows = threeGroups(40)

  it('runs k-means deterministically for a seed', () => {
    const points = rfmFeatures(
      rows.map((r) => r.recencyDays),
      rows.map((r) => r.frequency),
      rows.map((r) => r.monetary),
    )
    const a = kMeans(points, 3, { k: 4, seed: 7, restarts: 3 })
    const b = kMeans(points, 3, { k: 4, seed: 7, restarts: 3 })
    if (!a.ok || !b.ok) throw new Error('k-means failed')
    expect(Array.from(a.value.labels)).toEqual(Array.from(b.value.labels))
    expect(Array.from(a.value.centers)).toEqual(Array.from(b.value.centers))
    expect(analyseClusters(rows, { seed: 7 })).toEqual(analyseClusters(rows, { seed: 7 }))
  })

  it('suggests 3 on a clearly 3-cluster set, with sizes and mean R/F/M per cluster', () => {
    const result = analyseClusters([...rows, { recencyDays: null, frequency: 0, monetary: 0 }], { seed: 1 })
    if (!result.ok) throw new Error(result.error.message)
    const { value } = result
    expect(value.population).toBe(120)
    expect(value.suggestedK).toBe(3)
    expect(value.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8])
    const three = value.candidates.find((c) => c.k === 3)!
    expect(three.clusters.map((c) => c.size)).toEqual([40, 40, 40])
    // Biggest spenders first.
    const means = three.clusters.map((c) => c.mean)
    expect(means[0]!.monetary).toBeGreaterThan(30_000)
    expect(means[1]!.frequency).toBeGreaterThan(6)
    expect(means[2]!.recencyDays).toBeGreaterThan(250)
    const silhouettes = value.candidates.map((c) => c.silhouette)
    expect(Math.max(...silhouettes)).toBe(three.silhouette)
  })

  it('refuses too few buyers with a clear error', () => {
    const result = analyseClusters(rows.slice(0, 2))
    expect(result.ok || result.error.message).toMatch(/more than 2 customers who bought/)
    expect(result.ok || result.error.code).toBe('too_few_buyers')
  })
})

describe('classifyCustomers with a saved cluster model', () => {
  const asOfDay = daysFromCivil(2024, 6, 30)
  const rows = threeGroups(5, 9)
  const lines: PurchaseLine[] = rows.flatMap((r, i) =>
    Array.from({ length: r.frequency }, (_, o) => ({
      customerId: `c${i}`,
      orderId: `c${i}-${o}`,
      date: `${formatDayNumber(asOfDay - r.recencyDays - o)}T10:00:00+08:00`,
      quantity: 1,
      price: Math.round((r.monetary / r.frequency) * 100) / 100,
    })),
  )
  const customers = [...rows.map((_, i) => ({ id: `c${i}` })), { id: 'prospect' }]

  it('gives each buyer the nearest centre of the model, the same cluster as the analysis found', () => {
    const first = classifyCustomers({ customers, lines }, defaultServicePolicy, '2024-06-30')
    if (!first.ok) throw new Error(first.error.message)
    const analysis = analyseClusters(
      first.value.profiles.map((p) => p.rfm),
      { seed: 2 },
    )
    if (!analysis.ok) throw new Error(analysis.error.message)
    const input = clusterModelInput(
      analysis.value,
      3,
      [{ en: 'Champions', zh: '冠军' }],
      '2024-06-30T12:00:00Z',
      '2024-06-30',
    )!
    const model: ClusterModel = clusterModelSchema.parse({
      ...input,
      id: 'clusters-team-t1',
      teamId: 't1',
      createdAt: '2024-06-30T12:00:00Z',
      updatedAt: '2024-06-30T12:00:00Z',
    })
    expect(model.names).toEqual([
      { en: 'Champions', zh: '冠军' },
      { en: '', zh: '' },
      { en: '', zh: '' },
    ])
    const rule = {
      tag: 'champ',
      label: { en: 'c', zh: 'c' },
      rule: { field: 'cluster', op: 'eq' as const, value: '0' },
      active: true,
    }
    const again = classifyCustomers(
      { customers, lines, tagRules: [rule] },
      defaultServicePolicy,
      '2024-06-30',
      {
        clusterModel: model,
      },
    )
    if (!again.ok) throw new Error(again.error.message)
    const byId = new Map(again.value.profiles.map((p) => [p.customerId, p]))
    expect(byId.get('prospect')?.cluster).toBeNull()
    // Group 0 of threeGroups (every third customer) is the big spenders: cluster 0, tagged by the rule.
    for (let i = 0; i < rows.length; i++) {
      const p = byId.get(`c${i}`)!
      expect(p.cluster, `c${i}`).toBe(i % 3)
      expect(p.tags.includes('champ'), `c${i}`).toBe(i % 3 === 0)
    }
    // Re-clustered with the groups found in another order: carried over, the rule's cluster is still them.
    const order = [2, 0, 1]
    const next = {
      centres: order.map((i) => model.centres[i]!),
      scaling: model.scaling,
      names: order.map(() => ({ en: '', zh: '' })),
    }
    let n = 0
    const carried = carryClusterIds(model, next, () => `cl-${++n}`)
    const resaved = { ...model, ...next, ids: carried.ids, names: carried.names }
    expect(clusterIndexOfId(resaved, '0')).toBe(1)
    expect(resaved.names[1]).toEqual({ en: 'Champions', zh: '冠军' })
    const later = classifyCustomers(
      { customers, lines, tagRules: [rule] },
      defaultServicePolicy,
      '2024-06-30',
      {
        clusterModel: resaved,
      },
    )
    if (!later.ok) throw new Error(later.error.message)
    const champs = (r: typeof later) =>
      r.ok ? r.value.profiles.filter((p) => p.tags.includes('champ')).map((p) => p.customerId) : []
    expect(champs(later)).toEqual(champs(again))
    expect(later.value.profiles.find((p) => p.customerId === 'c0')?.clusterId).toBe('0')
  })
})

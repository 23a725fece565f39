import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fuzzSeed } from '../testing/fuzz-seed.ts'
import { carryClusterIds, matchCentres, rescaleCentre } from './carry-cluster-ids.ts'
import type { ClusterName } from './cluster-model.ts'
import type { RfmScaling } from './rfm-features.ts'

type Triple = [number, number, number]

const scaling: RfmScaling = { mean: [3, 1.2, 7], std: [1.1, 0.6, 1.9] }
const name = (zh: string, en = zh): ClusterName => ({ en, zh })
const unnamed = (k: number) => Array.from({ length: k }, () => name(''))
const counter = () => {
  let n = 0
  return () => `new-${++n}`
}

const savedModel = {
  centres: [
    [-1, 1, 1.5],
    [0.5, 0, 0],
    [1.5, -1, -1],
  ] as Triple[],
  scaling,
  ids: ['vip', 'steady', 'lapsed'],
  names: [name('大客户', 'Big'), name('稳定客户', 'Steady'), name('流失客户', 'Lapsed')],
}

/** Distinct centres (at least 0.1 apart on each axis pair), so each has exactly one best partner. */
const centresArb = fc
  .uniqueArray(
    fc.tuple(
      fc.integer({ min: -30, max: 30 }),
      fc.integer({ min: -30, max: 30 }),
      fc.integer({ min: -30, max: 30 }),
    ),
    {
      minLength: 2,
      maxLength: 8,
      selector: (c) => c.join(','),
    },
  )
  .map((cs) => cs.map((c) => c.map((x) => x / 10) as Triple))

describe('carryClusterIds', () => {
  it('keeps each group’s id and name when the clustering finds the same groups in another order', () => {
    const next = {
      centres: [savedModel.centres[2]!, savedModel.centres[0]!, savedModel.centres[1]!],
      scaling,
      names: unnamed(3),
    }
    const carried = carryClusterIds(savedModel, next, counter())
    expect(carried.ids).toEqual(['lapsed', 'vip', 'steady'])
    expect(carried.names.map((n) => n.en)).toEqual(['Lapsed', 'Big', 'Steady'])
    expect(carried.vanished).toEqual([])
  })

  it('matches a group that moved a little, gives a new group a fresh id and names the one that went', () => {
    const next = {
      centres: [
        [-0.9, 1.1, 1.4],
        [1.6, -0.9, -1.1],
        [3, 3, 3],
        [-3, -3, 3],
      ] as Triple[],
      scaling,
      names: [name(''), name('沉睡', 'Dormant'), name(''), name('')],
    }
    const carried = carryClusterIds(savedModel, next, counter())
    expect(carried.ids).toEqual(['vip', 'lapsed', 'new-1', 'new-2'])
    // A name typed for the new clustering wins; an unnamed matched group keeps its saved name.
    expect(carried.names).toEqual([name('大客户', 'Big'), name('沉睡', 'Dormant'), name(''), name('')])
    const fewer = carryClusterIds(
      savedModel,
      { centres: next.centres.slice(0, 2), scaling, names: unnamed(2) },
      counter(),
    )
    expect(fewer.ids).toEqual(['vip', 'lapsed'])
    expect(fewer.vanished).toEqual([{ id: 'steady', index: 1, name: name('稳定客户', 'Steady') }])
  })

  it('compares centres on the new scaling, so a population that shifted still finds its groups', () => {
    const shifted: RfmScaling = { mean: [3.4, 1, 7.5], std: [0.9, 0.7, 1.5] }
    const centres = savedModel.centres.map((c) => rescaleCentre(c, scaling, shifted)).reverse()
    const carried = carryClusterIds(savedModel, { centres, scaling: shifted, names: unnamed(3) }, counter())
    expect(carried.ids).toEqual(['lapsed', 'steady', 'vip'])
  })

  it('reads a model saved before ids as its indices, so rules on "0" keep meaning cluster #1', () => {
    const legacy = { centres: savedModel.centres, scaling, names: savedModel.names }
    const next = { centres: [savedModel.centres[1]!, savedModel.centres[0]!], scaling, names: unnamed(2) }
    const carried = carryClusterIds(legacy, next, () => '0')
    expect(carried.ids.slice(0, 2)).toEqual(['1', '0'])
    expect(carried.vanished.map((v) => v.id)).toEqual(['2'])
    const fresh = carryClusterIds(legacy, { ...next, centres: [...next.centres, [9, 9, 9]] }, counter())
    expect(fresh.ids[2]).toBe('new-1')
  })

  it('gives every cluster of a first model a fresh, distinct id', () => {
    const carried = carryClusterIds(
      null,
      { centres: savedModel.centres, scaling, names: unnamed(3) },
      counter(),
    )
    expect(carried.ids).toEqual(['new-1', 'new-2', 'new-3'])
    expect(carried.vanished).toEqual([])
  })

  it('re-saving the same centres keeps every id; permuted centres keep their ids (property)', () => {
    fc.assert(
      fc.property(centresArb, fc.nat(), (centres, seed) => {
        const ids = centres.map((_, i) => `id${i}`)
        const saved = { centres, scaling, ids, names: centres.map((_, i) => name(`类${i}`)) }
        const same = carryClusterIds(saved, { centres, scaling, names: unnamed(centres.length) }, counter())
        expect(same.ids).toEqual(ids)
        expect(same.vanished).toEqual([])
        // A seeded shuffle of the same centres.
        const order = centres.map((_, i) => i)
        for (let i = order.length - 1, s = seed; i > 0; i--, s = Math.floor(s / 7) + 13 * i) {
          const j = s % (i + 1)
          ;[order[i], order[j]] = [order[j]!, order[i]!]
        }
        const permuted = order.map((i) => centres[i]!)
        const carried = carryClusterIds(
          saved,
          { centres: permuted, scaling, names: unnamed(centres.length) },
          counter(),
        )
        expect(carried.ids).toEqual(order.map((i) => ids[i]))
        expect(carried.names).toEqual(order.map((i) => saved.names[i]))
      }),
      { seed: fuzzSeed(), numRuns: 200 },
    )
  })

  it('matches optimally, not greedily, and never a group that moved too far', () => {
    // Greedy would pair the nearest two (next #0 with previous #0) and leave next #1 too far from #1.
    const previous = [
      [0, 0, 0],
      [0.9, 0, 0],
    ]
    const next = [
      [0.4, 0, 0],
      [-0.5, 0, 0],
    ]
    expect(matchCentres(previous, next)).toEqual([1, 0])
    expect(
      matchCentres(previous, [
        [0, 1.2, 0],
        [0.9, 0, 0.5],
      ]),
    ).toEqual([null, 1])
    expect(matchCentres(previous, [[5, 5, 5]])).toEqual([null])
  })
})

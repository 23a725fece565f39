import type { ClusterModel, TagRule } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { clusterIdsInRule, vanishedClusters } from './vanished-clusters.ts'

const before: ClusterModel = {
  id: 'clusters-team-t',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  teamId: 't',
  k: 3,
  centres: [
    [1, 1, 1],
    [0, 0, 0],
    [-1, -1, -1],
  ],
  scaling: { mean: [1, 1, 1], std: [1, 1, 1] },
  names: [
    { en: 'Big', zh: '大客户' },
    { en: 'Steady', zh: '稳定' },
    { en: '', zh: '' },
  ],
  ids: ['big', 'steady', 'cl-3'],
  computedAt: '2026-03-01T00:00:00.000Z',
  asOf: '2026-03-01',
  population: 30,
}

const rule = (tag: string, node: TagRule['rule']): TagRule => ({
  id: `r-${tag}`,
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  tag,
  label: { en: `${tag} customers`, zh: `${tag}客户` },
  rule: node,
  active: true,
})

describe('clusters a save took away', () => {
  const rules = [
    rule('vip', {
      all: [
        { field: 'cluster', op: 'eq', value: 'steady' },
        { field: 'monetary', op: 'gt', value: 9 },
      ],
    }),
    rule('others', { not: { field: 'cluster', op: 'in', value: ['big', 'cl-3'] } }),
    rule('spend', { field: 'monetary', op: 'gt', value: 100 }),
  ]

  it('reads the clusters a rule names at any depth', () => {
    expect(clusterIdsInRule(rules[1]!.rule)).toEqual(['big', 'cl-3'])
    expect(clusterIdsInRule(rules[2]!.rule)).toEqual([])
  })

  it('names the clusters no longer found and the tag rules that refer to them', () => {
    const after = { centres: before.centres.slice(0, 2), ids: ['big', 'cl-9'] }
    expect(vanishedClusters(before, after, rules, true)).toEqual({
      clusters: ['#2 稳定', '#3'],
      rules: ['vip客户', 'others客户'],
    })
    expect(vanishedClusters(before, { centres: before.centres, ids: before.ids }, rules, false)).toEqual({
      clusters: [],
      rules: [],
    })
    expect(vanishedClusters(null, after, rules, false)).toEqual({ clusters: [], rules: [] })
  })
})

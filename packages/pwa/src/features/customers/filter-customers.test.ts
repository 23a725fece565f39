import { buildSearchIndex, type CustomField, searchKeysFor } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { computeInsights } from '../../worker/compute-insights.ts'
import { customer, smallSnapshot } from '../../worker/snapshot.test-helpers.ts'
import { customFieldMatches } from './custom-field-match.ts'
import { filterCustomers, filterOptions, noFilters } from './filter-customers.ts'

describe('filterCustomers', () => {
  const s = smallSnapshot()
  s.customers.push(
    customer('c7', { name: '张三商店', searchKeys: searchKeysFor('张三商店'), phone: '138 0013 8000' }, 5, 5),
  )
  const insights = computeInsights(s).byCustomer
  const index = buildSearchIndex(s.customers)

  it('finds a customer by pinyin initials, full pinyin or phone digits', () => {
    for (const q of ['zssd', 'zhangsan', '13800138000', '0013 8000']) {
      expect(
        filterCustomers(index, insights, { ...noFilters, query: q }, null).map((r) => r.customer.id),
      ).toEqual(['c7'])
    }
  })

  it('given the customers and a way to index them, indexes only when a search needs it', () => {
    let built = 0
    const source = {
      customers: s.customers,
      index: () => {
        built++
        return index
      },
    }
    expect(filterCustomers(source, insights, noFilters, null).map((r) => r.customer.id)).toEqual(
      filterCustomers(index, insights, noFilters, null).map((r) => r.customer.id),
    )
    expect(built).toBe(0)
    expect(
      filterCustomers(source, insights, { ...noFilters, query: 'zssd' }, null).map((r) => r.customer.id),
    ).toEqual(['c7'])
    expect(built).toBe(1)
  })

  it('narrows by a cluster of the team’s saved clusters, named as the supervisor named it', () => {
    const buyers = Object.values(insights).filter((i) => i.kpis.orders > 0)
    expect(buyers.length).toBeGreaterThan(1)
    // Two centres on a neutral scaling: low spend (−) and high spend (+) on the third axis.
    const clusterModel = {
      id: 'clusters-team-t',
      teamId: 't',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      k: 2,
      centres: [
        [0, 0, 100],
        [0, 0, -100],
      ] as [number, number, number][],
      scaling: { mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number] },
      names: [
        { en: 'Big', zh: '大客户' },
        { en: '', zh: '' },
      ],
      computedAt: '2026-01-01T00:00:00.000Z',
      asOf: '2026-01-01',
      population: buyers.length,
    }
    // A model saved before clusters had ids: a link naming cluster "0" (#1) still narrows to it.
    const clustered = computeInsights({ ...s, clusterModel }).byCustomer
    const big = filterCustomers(index, clustered, { ...noFilters, cluster: '0' }, null)
    expect(big.length).toBe(Object.values(clustered).filter((i) => i.cluster === '0').length)
    expect(big.length).toBeGreaterThan(0)
    expect(big.every((r) => r.insight?.cluster === '0')).toBe(true)
    expect(filterOptions(clustered).clusters).toEqual([
      { key: '0', label: { en: '#1 Big', zh: '#1 大客户' } },
    ])
    expect(filterCustomers(index, insights, { ...noFilters, cluster: '0' }, null)).toEqual([])
    // Re-saved with the groups in the other order: the filter names the group by its id, not its place.
    const resaved = {
      ...clusterModel,
      centres: [clusterModel.centres[1]!, clusterModel.centres[0]!],
      names: [clusterModel.names[1]!, clusterModel.names[0]!],
      ids: ['cl-small', 'cl-big'],
    }
    const again = computeInsights({ ...s, clusterModel: resaved }).byCustomer
    const stillBig = filterCustomers(index, again, { ...noFilters, cluster: 'cl-big' }, null)
    expect(stillBig.map((r) => r.customer.id)).toEqual(big.map((r) => r.customer.id))
    expect(filterOptions(again).clusters).toEqual([
      { key: 'cl-big', label: { en: '#2 Big', zh: '#2 大客户' } },
    ])
  })

  it('narrows by tier, lifecycle and overdue, and each row matches its filter', () => {
    const all = filterCustomers(index, insights, noFilters, null)
    expect(all).toHaveLength(7)
    const prospects = filterCustomers(index, insights, { ...noFilters, lifecycle: 'prospect' }, null)
    expect(prospects.length).toBeGreaterThan(0)
    expect(prospects.length).toBeLessThan(all.length)
    expect(prospects.every((r) => r.insight?.lifecycle === 'prospect')).toBe(true)
    const overdue = filterCustomers(index, insights, { ...noFilters, overdueOnly: true }, null)
    expect(overdue.every((r) => (r.insight?.daysOverdue ?? 0) > 0)).toBe(true)
    const a = filterCustomers(index, insights, { ...noFilters, tier: 'A' }, null)
    expect(a.every((r) => r.insight?.tier === 'A')).toBe(true)
  })

  it('sorts by priority, highest first, or by distance from here', () => {
    const byPriority = filterCustomers(index, insights, noFilters, null).map((r) => r.insight?.priority ?? -1)
    expect(byPriority).toEqual([...byPriority].sort((x, y) => y - x))
    const here = { lat: 31.23, lng: 121.47 + 0.0105 }
    const near = filterCustomers(index, insights, { ...noFilters, sort: 'distance' }, here)
    expect(near[0]!.customer.id).toBe('c1')
    expect(near.at(-1)!.customer.location).toBeNull()
  })

  it('offers only the segments, stages and tags present', () => {
    const o = filterOptions(insights)
    expect(o.lifecycles.map((l) => l.key)).toContain('prospect')
    expect(o.segments.every((x) => Object.values(insights).some((i) => i.segment === x.key))).toBe(true)
  })
})

describe('filtering by a custom field', () => {
  const def = (key: string, type: CustomField['type'], options: string[] = []): CustomField => ({
    id: `cf-${key}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    key,
    label: { en: key, zh: key },
    type,
    options,
    required: false,
    active: true,
  })
  const fields = [def('payment', 'choice', ['月结', '现金']), def('area', 'number'), def('remark', 'text')]
  const row = (id: string, customFields: Record<string, string | number>) => ({
    id,
    name: id,
    searchKeys: [],
    address: '',
    city: '',
    location: null,
    status: 'customer' as const,
    customFields,
  })
  const customers = [
    row('monthly', { payment: '月结', area: 120, remark: 'Near the METRO exit' }),
    row('cash', { payment: '现金', area: 80 }),
    row('none', {}),
  ]
  const ids = (customKey: string, customValue: string) =>
    filterCustomers(
      { customers, index: () => buildSearchIndex(customers) },
      {},
      { ...noFilters, sort: 'name', customKey, customValue },
      null,
      { fields, matches: customFieldMatches },
    ).map((r) => r.customer.id)

  it('keeps the customers whose field holds the value, read as the form reads it', () => {
    expect(ids('payment', '月结')).toEqual(['monthly'])
    expect(ids('area', '８0')).toEqual(['cash'])
    expect(ids('remark', 'metro')).toEqual(['monthly'])
  })

  it('with no value keeps those with the field set; an unreadable number matches no one', () => {
    expect(ids('area', '').sort()).toEqual(['cash', 'monthly'])
    expect(ids('area', 'big')).toEqual([])
    expect(customFieldMatches(fields[0]!, undefined, '')).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { kitchen, mine, trio } from './baskets.test-helpers.ts'
import { type CrossSellSuggestion, crossSellForCustomers, suggestCrossSell } from './cross-sell.ts'
import { basketOrder } from './records.test-helpers.ts'

describe('suggestCrossSell', () => {
  it('offers what similar buyers take, with an explanation in English and Chinese', () => {
    const [first, ...rest] = suggestCrossSell(['酱油'], mine(kitchen))
    expect(rest).toEqual([])
    expect(first?.productId).toBe('米醋')
    expect(first?.explanation).toEqual({
      en: 'Customers who buy 酱油 also buy 米醋 (confidence 80%, lift 2.0)',
      zh: '购买酱油的客户也常买米醋（置信度 80%，提升度 2.0）',
    })
  })

  it('never offers a product the customer already buys', () => {
    expect(suggestCrossSell(['酱油', '米醋'], mine(kitchen))).toEqual([])
  })

  it('uses two-product rules when triples are mined, and they beat weaker pair rules', () => {
    const model = mine(trio, { maxItemsetSize: 3 })
    const both = suggestCrossSell(['noodles', 'eggs'], model)
    expect(both.map((s) => [s.productId, s.confidence, s.because])).toEqual([
      ['tomato', 1, ['eggs', 'noodles']],
    ])
    expect(both[0]?.lift).toBeCloseTo(2.5, 10)
    expect(both[0]?.explanation.en).toBe(
      'Customers who buy eggs and noodles also buy tomato (confidence 100%, lift 2.5)',
    )
    expect(suggestCrossSell(['noodles'], model).map((s) => [s.productId, s.confidence])).toEqual([
      ['tomato', 0.5],
    ])
    expect(suggestCrossSell(['noodles', 'eggs'], mine(trio)).map((s) => s.confidence)).toEqual([0.5])
  })

  it('respects exclusions and the limit, ranking by confidence', () => {
    const model = mine(trio, { maxItemsetSize: 3, minLift: 0 })
    const all = suggestCrossSell(['tomato'], model)
    expect(all.map((s) => s.productId)).toEqual(['eggs', 'noodles'])
    expect(all[0]!.confidence).toBeGreaterThanOrEqual(all[1]!.confidence)
    expect(suggestCrossSell(['tomato'], model, { limit: 1 }).map((s) => s.productId)).toEqual(['eggs'])
    expect(
      suggestCrossSell(['tomato'], model, { exclude: (p) => p === 'eggs' }).map((s) => s.productId),
    ).toEqual(['noodles'])
  })

  it('suggests per customer from their order history', () => {
    const model = mine(kitchen)
    const byCustomer = crossSellForCustomers([...kitchen, basketOrder('new', ['米醋'])], model)
    const pick = (id: string): string[] =>
      (byCustomer.get(id) ?? []).map((s: CrossSellSuggestion) => s.productId)
    expect(pick('k4')).toEqual(['米醋'])
    expect(pick('new')).toEqual(['酱油'])
    expect(pick('k0')).toEqual([])
  })
})

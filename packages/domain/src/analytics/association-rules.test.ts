import { describe, expect, it } from 'vitest'
import { type AssociationModel, type AssociationOptions, mineAssociationRules } from './association-rules.ts'
import { type CrossSellSuggestion, crossSellForCustomers, suggestCrossSell } from './cross-sell.ts'
import { basketOrder, line, order } from './records.test-helpers.ts'

const named = (customerId: string, products: string[], status: 'placed' | 'cancelled' = 'placed') =>
  order(customerId, '2026-03-01', 0, { status, lines: products.map((p) => line(p, 10, 1, p)) })

function mine(orders: ReturnType<typeof order>[], options: AssociationOptions = {}): AssociationModel {
  const result = mineAssociationRules(orders, { minSupport: 0.2, minConfidence: 0.3, ...options })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

// Ten orders: soy sauce with vinegar four times, soy alone once, rice alone five times.
const kitchen = [
  ...Array.from({ length: 4 }, (_, i) => named(`k${i}`, ['酱油', '米醋'])),
  named('k4', ['酱油']),
  ...Array.from({ length: 5 }, (_, i) => named(`r${i}`, ['大米'])),
]

describe('mineAssociationRules', () => {
  it('measures support, confidence and lift of product pairs', () => {
    const model = mine(kitchen)
    const soyToVinegar = model.rules.find((r) => r.antecedent[0] === '酱油' && r.consequent === '米醋')
    expect(soyToVinegar).toMatchObject({ support: 0.4, confidence: 0.8, count: 4 })
    expect(soyToVinegar?.lift).toBeCloseTo(2, 10)
    expect(model.rules.some((r) => r.consequent === '大米' || r.antecedent.includes('大米'))).toBe(false)
  })

  it('drops itemsets below the minimum support and rules below the minimum confidence', () => {
    expect(mine(kitchen, { minSupport: 0.5 }).rules).toEqual([])
    const strict = mine(kitchen, { minConfidence: 0.9 })
    expect(strict.rules.map((r) => `${r.antecedent.join('+')}>${r.consequent}`)).toEqual(['米醋>酱油'])
  })

  it('ignores cancelled orders', () => {
    const cancelled = Array.from({ length: 10 }, (_, i) => named(`x${i}`, ['大米', '米醋'], 'cancelled'))
    expect(mine([...kitchen, ...cancelled]).rules).toEqual(mine(kitchen).rules)
  })

  it('can pool each customer’s orders into one basket', () => {
    const split = [basketOrder('a', ['tea']), basketOrder('a', ['cups']), basketOrder('b', ['tea']), basketOrder('b', ['cups'])]
    expect(mine(split).rules).toEqual([])
    expect(mine(split, { basketBy: 'customer' }).rules.map((r) => r.confidence)).toEqual([1, 1])
  })

  it('rejects thresholds outside their range', () => {
    const result = mineAssociationRules(kitchen, { minSupport: 0 })
    expect(!result.ok && result.error.code).toBe('bad_options')
  })
})

// Noodles, eggs and tomato together three times; each alone too. Only the trio predicts tomato well.
const trio = [
  ...Array.from({ length: 3 }, (_, i) => named(`t${i}`, ['noodles', 'eggs', 'tomato'])),
  ...Array.from({ length: 3 }, (_, i) => named(`n${i}`, ['noodles'])),
  ...Array.from({ length: 3 }, (_, i) => named(`e${i}`, ['eggs'])),
  named('m0', ['tomato']),
]

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
    expect(both.map((s) => [s.productId, s.confidence, s.because])).toEqual([['tomato', 1, ['eggs', 'noodles']]])
    expect(both[0]?.lift).toBeCloseTo(2.5, 10)
    expect(both[0]?.explanation.en).toBe('Customers who buy eggs and noodles also buy tomato (confidence 100%, lift 2.5)')
    expect(suggestCrossSell(['noodles'], model).map((s) => [s.productId, s.confidence])).toEqual([['tomato', 0.5]])
    expect(suggestCrossSell(['noodles', 'eggs'], mine(trio)).map((s) => s.confidence)).toEqual([0.5])
  })

  it('respects exclusions and the limit, ranking by confidence', () => {
    const model = mine(trio, { maxItemsetSize: 3, minLift: 0 })
    const all = suggestCrossSell(['tomato'], model)
    expect(all.map((s) => s.productId)).toEqual(['eggs', 'noodles'])
    expect(all[0]!.confidence).toBeGreaterThanOrEqual(all[1]!.confidence)
    expect(suggestCrossSell(['tomato'], model, { limit: 1 }).map((s) => s.productId)).toEqual(['eggs'])
    expect(suggestCrossSell(['tomato'], model, { exclude: (p) => p === 'eggs' }).map((s) => s.productId)).toEqual(['noodles'])
  })

  it('suggests per customer from their order history', () => {
    const model = mine(kitchen)
    const byCustomer = crossSellForCustomers([...kitchen, basketOrder('new', ['米醋'])], model)
    const pick = (id: string): string[] => (byCustomer.get(id) ?? []).map((s: CrossSellSuggestion) => s.productId)
    expect(pick('k4')).toEqual(['米醋'])
    expect(pick('new')).toEqual(['酱油'])
    expect(pick('k0')).toEqual([])
  })
})

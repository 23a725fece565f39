import { describe, expect, it } from 'vitest'
import { mineAssociationRules } from './association-rules.ts'
import { kitchen, mine, named } from './baskets.test-helpers.ts'
import { basketOrder } from './records.test-helpers.ts'

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
    const split = [
      basketOrder('a', ['tea']),
      basketOrder('a', ['cups']),
      basketOrder('b', ['tea']),
      basketOrder('b', ['cups']),
    ]
    expect(mine(split).rules).toEqual([])
    expect(mine(split, { basketBy: 'customer' }).rules.map((r) => r.confidence)).toEqual([1, 1])
  })

  it('rejects thresholds outside their range', () => {
    const result = mineAssociationRules(kitchen, { minSupport: 0 })
    expect(!result.ok && result.error.code).toBe('bad_options')
  })
})

import { describe, expect, it } from 'vitest'
import { customFieldKey } from './custom-field-key.ts'

describe('customFieldKey', () => {
  it('turns any header into a key the server accepts', () => {
    const ok = /^[A-Za-z][A-Za-z0-9_]{0,63}$/
    for (const [h, n] of [
      ['结算方式', 1],
      ['Payment terms', 2],
      ['2024 销量', 3],
      ['——', 4],
      ['x'.repeat(100), 5],
    ] as const)
      expect(customFieldKey(h, n)).toMatch(ok)
    expect(customFieldKey('结算方式', 1)).toBe('jiesuanfangshi')
    expect(customFieldKey('Payment terms', 2)).toBe('payment_terms')
  })
})

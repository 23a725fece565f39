import { describe, expect, it } from 'vitest'
import { fnv1a64 } from './fnv1a-64.ts'
import { stableStringify } from './stable-stringify.ts'

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64-bit test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325')
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c')
    expect(fnv1a64('foobar')).toBe('85944171f73967e8')
  })

  it('hashes the UTF-8 bytes, so Chinese text is stable across runtimes', () => {
    expect(fnv1a64('客户')).not.toBe(fnv1a64('客戶'))
    expect(fnv1a64('客户')).toBe(fnv1a64('客户'))
  })
})

describe('stableStringify', () => {
  it('gives equal text for equal values whatever the key order', () => {
    expect(stableStringify({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      stableStringify({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    )
  })

  it('drops undefined members like JSON does', () => {
    expect(stableStringify({ a: undefined, b: 2 })).toBe('{"b":2}')
  })
})

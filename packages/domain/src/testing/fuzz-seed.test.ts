import { describe, expect, it } from 'vitest'
import { DEFAULT_FUZZ_SEED, fuzzSeed } from './fuzz-seed.ts'

describe('fuzzSeed', () => {
  it('is the fixed default unless FUZZ_SEED names another', () => {
    expect(fuzzSeed({})).toBe(DEFAULT_FUZZ_SEED)
    expect(fuzzSeed({ FUZZ_SEED: ' ' })).toBe(DEFAULT_FUZZ_SEED)
    expect(fuzzSeed({ FUZZ_SEED: '-737735773' })).toBe(-737735773)
  })

  it('refuses a FUZZ_SEED that is not an integer rather than silently using another seed', () => {
    expect(() => fuzzSeed({ FUZZ_SEED: 'abc' })).toThrow(/FUZZ_SEED must be an integer/)
    expect(() => fuzzSeed({ FUZZ_SEED: '1.5' })).toThrow(/FUZZ_SEED/)
  })
})

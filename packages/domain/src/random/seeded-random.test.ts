import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng, deriveRng } from './seeded-random.ts'

const draws = (next: () => number, n: number) => Array.from({ length: n }, next)

describe('the seeded generator', () => {
  it('repeats its choices for a seed, and a derived generator makes other ones', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(draws(createRng(seed).next, 20)).toEqual(draws(createRng(seed).next, 20))
        expect(draws(deriveRng(seed, 1).next, 20)).not.toEqual(draws(deriveRng(seed, 2).next, 20))
      }),
    )
  })

  it('keeps whole numbers inside their bounds and reaches both ends', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 5 }),
        (seed, min, extra) => {
          const rng = createRng(seed)
          const ints = draws(() => rng.int(min, min + extra), 400)
          expect(Math.min(...ints)).toBe(min)
          expect(Math.max(...ints)).toBe(min + extra)
          const below = draws(() => rng.below(extra + 1), 400)
          expect(below.every((x) => Number.isInteger(x) && x >= 0 && x <= extra)).toBe(true)
        },
      ),
    )
  })
})

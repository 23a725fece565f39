import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizePhone } from './normalize-phone.ts'

const phoneLike = fc
  .array(fc.constantFrom(...'0123456789 +-()．８６１'.split(''), '转', 'ext', '0086', '+86', '86'), {
    maxLength: 24,
  })
  .map((parts) => parts.join(''))

const mobile = fc
  .tuple(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/))
  .map(([b, rest]) => `1${b}${rest}`)
const separators = fc.constantFrom('', ' ', '-', '.')

describe('normalizePhone properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(phoneLike, fc.string()), (raw) => {
        const once = normalizePhone(raw)
        if (once !== null) expect(normalizePhone(once)).toBe(once)
      }),
      { numRuns: 2000 },
    )
  })

  it('gives the same digits for a mobile with any prefix and separators', () => {
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86 ', '0086', '86', '+86-', '(+86)'),
        separators,
        (m, prefix, sep) => {
          const written = `${prefix}${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`
          expect(normalizePhone(written)).toBe(m)
        },
      ),
    )
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDayNumber } from '../calendar/civil-day.ts'
import { computeThresholds } from './classification-thresholds.ts'
import { classifyCustomers } from './classify-customers.ts'
import { computeRfm } from './compute-rfm.ts'
import { defaultServicePolicy } from './default-service-policy.ts'
import { evaluateRule, parseTagRule } from './evaluate-rule.ts'
import { kMeans } from './k-means.ts'
import { buildPurchaseTable } from './purchase-table-from-lines.ts'
import { quintileScores } from './quintile-scores.ts'
import { tierIndexOf } from './value-tier.ts'

const amount = fc.double({ min: 0, max: 1e6, noNaN: true })

describe('quintile scores', () => {
  it('are 1–5, balanced within one customer per bin, and follow the value order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 400 }),
        fc.boolean(),
        (values, reverse) => {
          const out = new Uint8Array(values.length)
          quintileScores(values, values.length, out, reverse)
          const sizes = [0, 0, 0, 0, 0]
          for (const s of out) {
            expect(s).toBeGreaterThanOrEqual(1)
            expect(s).toBeLessThanOrEqual(5)
            sizes[s - 1] = (sizes[s - 1] as number) + 1
          }
          for (const size of sizes) expect(Math.abs(size - values.length / 5)).toBeLessThanOrEqual(1)
          for (let i = 0; i < values.length; i++) {
            for (let j = 0; j < values.length; j++) {
              if ((values[i] as number) < (values[j] as number)) {
                const [a, b] = [out[i] as number, out[j] as number]
                expect(reverse ? a >= b : a <= b).toBe(true)
              }
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('value tiers', () => {
  it('cover every customer, put spenders above non-spenders, rank tiers by spend, equal spend alike', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(amount, fc.constant(0), fc.constantFrom(10, 99.5)), { maxLength: 300 }),
        fc.double({ min: 0.05, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        (values, a, b) => {
          const m = Float64Array.from(values, (v) => Math.round(v * 100) / 100)
          const lines = values.map((_, i) => ({
            customerId: `c${i}`,
            orderId: `o${i}`,
            date: '2024-01-01',
            quantity: 1,
            price: m[i] as number,
          }))
          const table = buildPurchaseTable(lines, parseDayNumber('2024-02-01'))
          const cut = computeThresholds(table, { tierShares: { a, b } }, '2024-02-01').tierMoney
          const tier = Array.from(m, (v) => tierIndexOf(v, cut))
          for (let i = 0; i < m.length; i++) {
            if (!((m[i] as number) > 0)) expect(tier[i]).toBe(2)
            for (let j = 0; j < m.length; j++) {
              if ((tier[i] as number) < (tier[j] as number))
                expect(m[i] as number).toBeGreaterThan(m[j] as number)
              if (m[i] === m[j]) expect(tier[i]).toBe(tier[j])
            }
          }
          const top = m.reduce((best, v, i) => (v > (m[best] ?? 0) ? i : best), 0)
          if ((m[top] as number) > 0) expect(tier[top]).toBe(0)
        },
      ),
      { numRuns: 150 },
    )
  })
})

const fields = fc.dictionary(
  fc.oneof(
    fc.constantFrom('tier', 'score', 'tags', 'city', '__proto__', 'constructor'),
    fc.string({ maxLength: 8 }),
  ),
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 4 }),
  ),
)

/** Rules the schema accepts, nested a few levels. */
const validRule = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('condition'),
    fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('node') }),
  ),
  condition: fc.record({
    field: fc.constantFrom('tier', 'score', 'tags', 'city', 'missing'),
    op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists'),
    value: fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), { maxLength: 3 }),
    ),
  }),
}))

describe('tag rules', () => {
  it('never throw, whatever the rule and the profile', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withObjectString: true, maxDepth: 6 }),
        fields,
        (rule, f) => {
          expect(typeof evaluateRule(rule, f)).toBe('boolean')
          const parsed = parseTagRule(rule)
          expect(typeof parsed.ok).toBe('boolean')
        },
      ),
      { numRuns: 500 },
    )
  })

  it('combine like logic: not negates, all/any of one rule is that rule, unknown fields are false', () => {
    fc.assert(
      fc.property(validRule.node, fields, (rule, f) => {
        const parsed = parseTagRule(rule)
        if (!parsed.ok) return // deeper than the nesting limit
        const v = evaluateRule(parsed.value, f)
        expect(evaluateRule({ not: parsed.value }, f)).toBe(!v)
        expect(evaluateRule({ all: [parsed.value] }, f)).toBe(v)
        expect(evaluateRule({ any: [parsed.value] }, f)).toBe(v)
        expect(evaluateRule({ field: 'no-such-field', op: 'exists' }, f)).toBe(false)
      }),
      { numRuns: 300 },
    )
  })
})

describe('determinism', () => {
  it('k-means gives the same clusters for the same seed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 30, maxLength: 300 }),
        fc.integer(),
        (xs, seed) => {
          const points = Float64Array.from(xs.slice(0, xs.length - (xs.length % 3)))
          const k = 1 + (Math.abs(seed) % 4)
          const a = kMeans(points, 3, { k, seed, restarts: 2 })
          const b = kMeans(points, 3, { k, seed, restarts: 2 })
          expect(a.ok && b.ok).toBe(true)
          if (a.ok && b.ok) {
            expect(Array.from(a.value.labels)).toEqual(Array.from(b.value.labels))
            expect(a.value.inertia).toBe(b.value.inertia)
          }
        },
      ),
      { numRuns: 50 },
    )
  })

  const line = fc.record({
    customerId: fc.oneof(fc.constantFrom('1', '2', '3', '10', 'x'), fc.constant(null)),
    orderId: fc.constantFrom('a', 'b', 'c', 'd'),
    date: fc.oneof(
      fc.constantFrom('2024-01-31', '2024-02-29 10:00', '2024-03-01T23:00:00Z', 'not a date', '2024-02-30'),
    ),
    quantity: fc.oneof(fc.integer({ min: -3, max: 20 }), fc.constant(Number.NaN)),
    price: fc.oneof(fc.double({ min: -1, max: 100, noNaN: true }), fc.constant(0)),
  })

  it('segmentation of any lines accounts for every line and is the same on a second run', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
        const rfm = computeRfm(lines, '2024-03-15')
        if (!rfm.ok) throw new Error('unexpected')
        expect(rfm.value.linesUsed + rfm.value.excluded.total).toBe(lines.length)
        const a = classifyCustomers({ lines }, defaultServicePolicy, '2024-03-15', {
          clusters: { k: 2, seed: 3 },
        })
        const b = classifyCustomers({ lines }, defaultServicePolicy, '2024-03-15', {
          clusters: { k: 2, seed: 3 },
        })
        expect(JSON.stringify(a)).toBe(JSON.stringify(b))
      }),
      { numRuns: 150 },
    )
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyCustomers } from './classify-customers.ts'
import { defaultServicePolicy } from './default-service-policy.ts'
import type { PurchaseLine } from './purchase-table.ts'
import { rfm8SegmentSchema } from './rfm8-segments.ts'

const AS_OF = '2024-06-30'

/** A purchase history: orders of (days before as-of, amount). */
const historyArb = fc.array(
  fc.record({ ago: fc.integer({ min: 0, max: 700 }), amount: fc.integer({ min: 1, max: 5000 }) }),
  { minLength: 1, maxLength: 6 },
)

function day(ago: number): string {
  return new Date(Date.UTC(2024, 5, 30) - ago * 86_400_000).toISOString().slice(0, 10)
}

/** Lines for `copies` customers sharing one history each; ids interleaved so id order breaks no tie. */
function linesOf(groups: { history: { ago: number; amount: number }[]; copies: number }[]): PurchaseLine[] {
  const lines: PurchaseLine[] = []
  groups.forEach((g, gi) => {
    for (let k = 0; k < g.copies; k++) {
      const id = `c${k}-${gi}`
      g.history.forEach((o, oi) => {
        lines.push({ customerId: id, orderId: `o${oi}`, date: day(o.ago), quantity: 1, price: o.amount })
      })
    }
  })
  return lines
}

describe('fair classification', { timeout: 120_000 }, () => {
  it('gives customers with identical histories identical r, f, m, segment, tier, tags and score', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ history: historyArb, copies: fc.integer({ min: 1, max: 12 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        (groups) => {
          const result = classifyCustomers({ lines: linesOf(groups) }, defaultServicePolicy, AS_OF)
          if (!result.ok) throw new Error(result.error.message)
          const byGroup = new Map<string, string>()
          const { mean } = result.value.thresholds
          for (const p of result.value.profiles) {
            const group = p.customerId.split('-')[1] as string
            const { r, f, m } = p.rfm
            const labels = JSON.stringify([r, f, m, p.segment, p.tier, p.tags, p.score, p.lifecycle])
            const seen = byGroup.get(group)
            if (seen === undefined) byGroup.set(group, labels)
            else expect(labels).toBe(seen)
            expect(rfm8SegmentSchema.options).toContain(p.segment)
            const late = p.lifecycle === 'at_risk' || p.lifecycle === 'churned'
            const rHigh = !late && (p.rfm.recencyDays as number) <= mean.recencyDays
            expect(
              (p.segment as string).endsWith(
                rHigh
                  ? p.rfm.frequency >= mean.frequency
                    ? '_value'
                    : '_develop'
                  : p.rfm.frequency >= mean.frequency
                    ? '_retain'
                    : '_winback',
              ),
            ).toBe(true)
            expect(
              (p.segment as string).startsWith(p.rfm.monetary >= mean.monetary ? 'important' : 'general'),
            ).toBe(true)
          }
        },
      ),
      { numRuns: 80 },
    )
  })

  it('keeps the scores as balanced as the ties allow: without ties each score holds a fifth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 200 }), (n) => {
        // distinct spend and recency for every customer
        const lines = Array.from({ length: n }, (_, i) => ({
          customerId: `c${i}`,
          orderId: 'o',
          date: day(i),
          quantity: 1,
          price: 10 + i,
        }))
        const result = classifyCustomers({ lines }, defaultServicePolicy, AS_OF)
        if (!result.ok) throw new Error(result.error.message)
        for (const key of ['r', 'm'] as const) {
          const sizes = [0, 0, 0, 0, 0]
          for (const p of result.value.profiles) sizes[p.rfm[key] - 1] = (sizes[p.rfm[key] - 1] as number) + 1
          for (const size of sizes) expect(Math.abs(size - n / 5)).toBeLessThanOrEqual(1)
        }
      }),
      { numRuns: 60 },
    )
  })
})

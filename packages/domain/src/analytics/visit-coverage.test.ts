import { describe, expect, it } from 'vitest'
import type { ServicePolicy } from '../model/index.ts'
import { customer, visit } from './records.test-helpers.ts'
import {
  cadenceDaysFromPolicy,
  computeDueVisits,
  type DueVisit,
  visitCoverageByTier,
} from './visit-coverage.ts'

const MARCH = { from: '2026-03-01', to: '2026-03-31' }

function dueVisits(
  cadence: Record<string, number>,
  visits: ReturnType<typeof visit>[],
  asOf = '2026-03-31',
): DueVisit[] {
  const result = computeDueVisits({
    customers: Object.keys(cadence).map((id) => customer(id)),
    visits,
    cadenceDaysOf: (id) => cadence[id],
    period: MARCH,
    asOf,
  })
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('computeDueVisits', () => {
  it('is due one cadence after the last visit, and a miss restarts the clock from the due day', () => {
    // Every 14 days: last seen 26 Feb → due 12 Mar (visited 10 Mar) → due 24 Mar (missed).
    const due = dueVisits({ a: 14 }, [visit('a', '2026-02-26'), visit('a', '2026-03-10')])
    expect(due).toEqual([
      { customerId: 'a', due: '2026-03-12', visitedAt: '2026-03-10', onTime: true },
      { customerId: 'a', due: '2026-03-24', visitedAt: null, onTime: false },
    ])
  })

  it('counts a late visit for the next occurrence, not the missed one', () => {
    // Every 7 days from 26 Feb: due 5 Mar ✓ (4 Mar), 11 Mar ✗, 18 Mar ✗, 25 Mar ✓ (20 Mar), 27 Mar ✗.
    const due = dueVisits(
      { a: 7 },
      ['2026-02-26', '2026-03-04', '2026-03-20'].map((d) => visit('a', d)),
    )
    expect(due.map((d) => [d.due, d.onTime])).toEqual([
      ['2026-03-05', true],
      ['2026-03-11', false],
      ['2026-03-18', false],
      ['2026-03-25', true],
      ['2026-03-27', false],
    ])
  })

  it('gives a customer never visited before one cadence from the period start', () => {
    const due = dueVisits({ a: 30 }, [visit('a', '2026-03-15')])
    expect(due).toEqual([{ customerId: 'a', due: '2026-03-30', visitedAt: '2026-03-15', onTime: true }])
  })

  it('leaves out occurrences not yet due at asOf and customers without a cadence', () => {
    const result = computeDueVisits({
      customers: [customer('a'), customer('b')],
      visits: [visit('a', '2026-02-26'), visit('a', '2026-03-10')],
      cadenceDaysOf: (id) => (id === 'a' ? 14 : null),
      period: MARCH,
      asOf: '2026-03-20',
    })
    expect(result.ok && result.value.map((d) => d.due)).toEqual(['2026-03-12'])
  })

  it('rejects a malformed period', () => {
    const result = computeDueVisits({
      customers: [],
      visits: [],
      cadenceDaysOf: () => 7,
      period: { from: 'March', to: '2026-03-31' },
      asOf: '2026-03-31',
    })
    expect(!result.ok && result.error.code).toBe('bad_period')
  })
})

describe('cadenceDaysFromPolicy', () => {
  const tier = (visitEveryDays: number) => ({
    visitEveryDays,
    serviceMinutes: 30,
    channel: 'visit' as const,
    contactsPerMonth: 2,
    careActions: [],
    callbackAfterDays: null,
  })
  const policy: Pick<ServicePolicy, 'tiers' | 'segmentOverrides'> = {
    tiers: { A: tier(7), B: tier(14), C: tier(30) },
    segmentOverrides: { at_risk: { visitEveryDays: 5 } },
  }

  it('uses the tier cadence unless the segment overrides it', () => {
    const cadence = cadenceDaysFromPolicy(
      policy,
      (id) => (id === 'x' ? undefined : 'B'),
      (id) => (id === 'risky' ? 'at_risk' : 'loyal'),
    )
    expect([cadence('plain'), cadence('risky'), cadence('x')]).toEqual([14, 5, null])
  })
})

describe('visitCoverageByTier', () => {
  it('shares on-time due visits per tier', () => {
    const due: DueVisit[] = [
      { customerId: 'a', due: '2026-03-05', visitedAt: '2026-03-05', onTime: true },
      { customerId: 'a', due: '2026-03-12', visitedAt: null, onTime: false },
      { customerId: 'b', due: '2026-03-12', visitedAt: '2026-03-01', onTime: true },
    ]
    const byTier = visitCoverageByTier(due, (id) => (id === 'a' ? 'A' : 'C'))
    expect(byTier.A).toEqual({ value: 0.5, numerator: 1, denominator: 2 })
    expect(byTier.B.value).toBeNull()
    expect(byTier.C.value).toBe(1)
  })
})

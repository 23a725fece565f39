import { describe, expect, it } from 'vitest'
import { type CadenceCustomer, DEFAULT_CADENCE_POLICY, visitCadence } from './visit-cadence.ts'

const base: CadenceCustomer = {
  id: 'c1',
  tier: 'B',
  lifecycleStage: 'active',
  lastVisitAt: '2026-11-01T10:00:00Z',
  openComplaints: 0,
  openTasks: 0,
  churnRisk: 0,
  score: 50,
}
const asOf = '2026-11-20T08:00:00Z'

describe('visitCadence', () => {
  it("counts a visit on its calendar day in the organisation's zone", () => {
    // 07:00 on 1 November in Shanghai is 31 October in UTC
    const early = { ...base, lastVisitAt: '2026-10-31T23:00:00Z' }
    expect(visitCadence(early, DEFAULT_CADENCE_POLICY, '2026-11-20').nextDueDate).toBe('2026-11-15')
    expect(visitCadence(early, DEFAULT_CADENCE_POLICY, '2026-11-20', 'UTC').nextDueDate).toBe('2026-11-14')
  })

  it('computes the next due date and days overdue from the tier cadence', () => {
    const c = visitCadence(base, DEFAULT_CADENCE_POLICY, asOf)
    expect(c.cadenceDays).toBe(14)
    expect(c.nextDueDate).toBe('2026-11-15')
    expect(c.daysOverdue).toBe(5)
    expect(c.serviceMinutes).toBe(30)
    expect(c.explanation.find((f) => f.code === 'overdue')).toEqual({
      code: 'overdue',
      params: { days: 5 },
      en: 'Overdue by 5 days',
      zh: '已逾期 5 天',
    })
  })

  it('reports a customer not yet due with negative overdue days', () => {
    const c = visitCadence({ ...base, tier: 'C' }, DEFAULT_CADENCE_POLICY, asOf)
    expect(c.nextDueDate).toBe('2026-12-01')
    expect(c.daysOverdue).toBe(-11)
    expect(c.explanation.map((f) => f.code)).toContain('due_in')
  })

  it('visits at-risk customers sooner and says why', () => {
    const c = visitCadence({ ...base, tier: 'C', lifecycleStage: 'at_risk' }, DEFAULT_CADENCE_POLICY, asOf)
    expect(c.cadenceDays).toBe(7)
    expect(c.explanation.find((f) => f.code === 'stage_override')?.params).toEqual({
      stage: 'at_risk',
      days: 7,
    })
  })

  it('applies segment overrides when shorter', () => {
    const policy = { ...DEFAULT_CADENCE_POLICY, segmentCadenceDays: { 'key-account': 5 } }
    const c = visitCadence({ ...base, segment: 'key-account' }, policy, asOf)
    expect(c.cadenceDays).toBe(5)
  })

  it('treats a never-visited customer as due today', () => {
    const c = visitCadence({ ...base, lastVisitAt: null }, DEFAULT_CADENCE_POLICY, asOf)
    expect(c.daysOverdue).toBe(0)
    expect(c.nextDueDate).toBe('2026-11-20')
    expect(c.explanation[1]?.code).toBe('never_visited')
  })

  it('raises priority with complaints, tasks, churn risk, value and lateness', () => {
    const p = (c: Partial<CadenceCustomer>) =>
      visitCadence({ ...base, ...c }, DEFAULT_CADENCE_POLICY, asOf).priority
    const p0 = p({})
    expect(p({ openComplaints: 2 })).toBeGreaterThan(p0)
    expect(p({ openTasks: 1 })).toBeGreaterThan(p0)
    expect(p({ churnRisk: 0.8 })).toBeGreaterThan(p0)
    expect(p({ tier: 'A', score: 90 })).toBeGreaterThan(p0)
    expect(p({ lastVisitAt: '2026-10-01T00:00:00Z' })).toBeGreaterThan(p0)
    const max = p({
      tier: 'A',
      score: 100,
      openComplaints: 9,
      openTasks: 9,
      churnRisk: 1,
      lastVisitAt: '2020-01-01',
    })
    expect(max).toBeLessThanOrEqual(100)
  })

  it('explains every factor in both languages', () => {
    const c = visitCadence(
      { ...base, openComplaints: 1, openTasks: 2, churnRisk: 0.4 },
      DEFAULT_CADENCE_POLICY,
      asOf,
    )
    const codes = c.explanation.map((f) => f.code)
    expect(codes).toEqual(
      expect.arrayContaining([
        'tier_cadence',
        'overdue',
        'value',
        'overdue_ratio',
        'open_complaints',
        'open_tasks',
        'churn_risk',
      ]),
    )
    for (const f of c.explanation) {
      expect(f.en.length).toBeGreaterThan(0)
      expect(f.zh).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { complaintStep } from '../service/complaint-flow.ts'
import { sampleComplaint } from '../service/service.test-helpers.ts'
import type { KpiInput } from './compute-kpis.ts'
import { customer, feedback, kpiReport, task, visit } from './records.test-helpers.ts'

const customers = [customer('cust-1', { ownerRepId: 'rep1' }), customer('b', { ownerRepId: 'rep2' })]
const run = (input: Partial<KpiInput>) => kpiReport({ customers, ...input })

describe('computeKpis: service records', () => {
  const resolved = (() => {
    const c = sampleComplaint({ openedAt: '2026-03-05T09:00:00.000Z' })
    return {
      ...c,
      ...complaintStep(c, {
        action: 'resolve',
        by: 'rep1',
        at: '2026-03-05T21:00:00.000Z',
        note: '补发',
        stepId: 's2',
      }),
    }
  })()

  it('counts complaints and resolution times from complaint records, not from visit text', () => {
    const open = sampleComplaint({ id: 'cmp-2', customerId: 'b', openedAt: '2026-03-10T09:00:00.000Z' })
    const report = run({
      visits: [visit('cust-1', '2026-03-05', { complaint: '送货晚了' }), visit('b', '2026-03-10')],
      feedback: [
        feedback('b', '2026-03-10T12:00:00+08:00', {
          complaint: { category: 'price', status: 'open', resolution: null, resolvedAt: null },
        }),
      ],
      complaints: [resolved, open],
    })
    expect(report.overall.complaintRate).toEqual({ value: 1, numerator: 2, denominator: 2 })
    expect(report.overall.medianResolutionHours).toEqual({ value: 12, denominator: 1 })
  })

  it('takes NPS answers from visits as well as feedback', () => {
    const report = run({
      visits: [
        visit('cust-1', '2026-03-05', { nps: 10 }),
        visit('b', '2026-03-06', { nps: 3 }),
        visit('b', '2026-03-07'),
      ],
      feedback: [feedback('cust-1', '2026-03-08T10:00:00+08:00', { recommend: 9 })],
    })
    expect(report.overall.netPromoterScore).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 })
  })

  it('counts logged contacts apart from visits on site, and care tasks done on time apart from others', () => {
    const report = run({
      visits: [
        visit('cust-1', '2026-03-05'),
        visit('cust-1', '2026-03-06', { channel: 'wechat', checkInGps: null }),
      ],
      tasks: [
        task('cust-1', '2026-03-10', { kind: 'care', status: 'done', doneAt: '2026-03-09T10:00:00.000Z' }),
        task('cust-1', '2026-03-10', { kind: 'care', status: 'done', doneAt: '2026-03-12T10:00:00.000Z' }),
        task('cust-1', '2026-03-10', {
          kind: 'follow_up',
          status: 'done',
          doneAt: '2026-03-09T10:00:00.000Z',
        }),
      ],
    })
    expect(report.overall.visits).toBe(1)
    expect(report.overall.contacts).toBe(1)
    expect(report.overall.careTasksOnTimeRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 })
    expect(report.overall.tasksOnTimeRate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 })
  })
})

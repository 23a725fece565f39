import { describe, expect, it } from 'vitest'
import { type PlanWeekInput, planWeek } from './plan-week.ts'

const days = ['2026-11-23', '2026-11-24', '2026-11-25'].map((date) => ({
  date,
  workingHours: { start: 540, end: 540 + 130 },
}))
const near = (i: number) => ({ lat: 31.2 + i * 0.001, lng: 121.4 })

function week(extra: Partial<PlanWeekInput> = {}): PlanWeekInput {
  return {
    start: { lat: 31.2, lng: 121.4 },
    days,
    customers: [
      { id: 'overdue', ...near(1), priority: 10, serviceMinutes: 50, dueDate: '2026-11-10' },
      { id: 'due-mon', ...near(2), priority: 20, serviceMinutes: 50, dueDate: '2026-11-23' },
      { id: 'due-tue', ...near(3), priority: 20, serviceMinutes: 50, dueDate: '2026-11-24' },
      { id: 'due-wed', ...near(4), priority: 20, serviceMinutes: 50, dueDate: '2026-11-25' },
      { id: 'later', ...near(5), priority: 90, serviceMinutes: 50, dueDate: '2026-12-20' },
    ],
    ...extra,
  }
}

const visitsByDay = (w: ReturnType<typeof planWeek>) =>
  w.days.map((d) => d.plan.stops.filter((s) => s.kind === 'visit').map((s) => s.id))

describe('planWeek', () => {
  it('visits each customer at most once and never before the due date without slack', () => {
    const w = planWeek(week())
    const byDay = visitsByDay(w)
    const all = byDay.flat()
    expect(new Set(all).size).toBe(all.length)
    expect(all).not.toContain('later')
    expect(byDay[0]).not.toContain('due-tue')
    expect(byDay[0]).not.toContain('due-wed')
    expect(byDay[1]).not.toContain('due-wed')
    expect(all.sort()).toEqual(['due-mon', 'due-tue', 'due-wed', 'overdue'])
  })

  it('puts the long-overdue customer first when a day cannot hold everyone due', () => {
    // Each day has room for one 50-minute visit; on Monday two are due, one of them long overdue
    // (with a lower base priority), and the other one waits until Tuesday.
    const short = days.map((d) => ({ ...d, workingHours: { start: 540, end: 600 } }))
    const w = planWeek(week({ days: short }))
    expect(visitsByDay(w)).toEqual([['overdue'], ['due-mon'], ['due-tue']])
    expect(w.unplanned).toEqual([{ id: 'due-wed', reason: 'lower_priority' }])
  })

  it('allows early visits inside the slack to fill spare time', () => {
    const w = planWeek(week({ slackDays: 60 }))
    expect(visitsByDay(w).flat()).toContain('later')
  })

  it('respects opening hours per weekday and reports who could not be visited', () => {
    // 2026-11-23 is a Monday (1); this customer opens on Sundays only.
    const w = planWeek(
      week({
        customers: [
          {
            id: 'sunday-only',
            ...near(1),
            priority: 50,
            serviceMinutes: 30,
            dueDate: '2026-11-20',
            openingHours: { 0: [{ open: 540, close: 1020 }] },
          },
        ],
      }),
    )
    expect(visitsByDay(w).flat()).toEqual([])
    expect(w.unplanned).toEqual([{ id: 'sunday-only', reason: 'closed' }])
  })
})

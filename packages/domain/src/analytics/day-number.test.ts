import { describe, expect, it } from 'vitest'
import { dayNumber, isoDateOfDay, weekdayOfDay, weekdaysBetween } from './day-number.ts'

describe('dayNumber', () => {
  it('agrees with Date for dates and keeps the calendar date of a date-time as written', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2026-03-01', '2099-12-31']) {
      expect(dayNumber(iso)).toBe(Date.parse(iso) / 86_400_000)
      expect(isoDateOfDay(dayNumber(iso))).toBe(iso)
    }
    expect(dayNumber('2026-03-01T23:30:00+08:00')).toBe(dayNumber('2026-03-01'))
  })

  it('returns NaN for what is not an ISO date', () => {
    for (const bad of [
      '',
      '2026-3-1',
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026/03/01',
      '2026-03-01 10:00',
      'abcd-ef-gh',
    ]) {
      expect(dayNumber(bad)).toBeNaN()
    }
  })

  it('knows weekdays', () => {
    expect(weekdayOfDay(dayNumber('2026-03-01'))).toBe(0) // a Sunday
    expect(weekdaysBetween(dayNumber('2026-03-02'), dayNumber('2026-03-08'))).toBe(5)
  })
})

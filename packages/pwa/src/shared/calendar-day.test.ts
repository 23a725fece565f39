import { describe, expect, it } from 'vitest'
import { dateToDay, dayToDate, formatDay, formatTime } from './calendar-day.ts'

describe('dates and times as the user reads them', () => {
  it('writes a day the Chinese way in zh-CN and the English way in en, never as mm/dd/yyyy', () => {
    expect(formatDay('2026-12-08', 'zh-CN')).toBe('2026年12月8日')
    expect(formatDay('2026-12-08', 'en')).toBe('Dec 8, 2026')
  })

  it('keeps the day a picker chose, whatever the hour it was chosen at', () => {
    const late = dayToDate('2026-12-31')!
    late.setHours(23, 59)
    expect(dateToDay(late)).toBe('2026-12-31')
    expect(dateToDay(dayToDate('2027-01-01')!)).toBe('2027-01-01')
  })

  it('shows an empty or unreadable day as it is rather than as a wrong date', () => {
    expect(dayToDate('')).toBeNull()
    expect(formatDay('', 'zh-CN')).toBe('')
  })

  it('writes an opening time in the 24-hour clock in Chinese and with AM/PM in English', () => {
    expect(formatTime('18:30', 'zh-CN')).toBe('18:30')
    expect(formatTime('18:30', 'en')).toMatch(/^6:30\sPM$/)
  })
})

import { describe, expect, it } from 'vitest'
import { chinesePublicHolidays, holidaysBetween } from './chinese-holidays.ts'

describe('chinesePublicHolidays', () => {
  it('puts each holiday on its real date, lunar ones included', () => {
    const dates = (y: number) => Object.fromEntries(chinesePublicHolidays(y).map((h) => [h.name, h.date]))
    expect(dates(2026)).toEqual({
      春节: '2026-02-17',
      清明: '2026-04-05',
      劳动节: '2026-05-01',
      端午: '2026-06-19',
      中秋: '2026-09-25',
      国庆: '2026-10-01',
    })
    // Years where a lunar new moon falls close to midnight (Intl's Chinese calendar is a day late here).
    expect(dates(2027).春节).toBe('2027-02-06')
    expect(dates(2030).春节).toBe('2030-02-03')
    expect(dates(2025)).toMatchObject({
      春节: '2025-01-29',
      清明: '2025-04-04',
      端午: '2025-05-31',
      中秋: '2025-10-06',
    })
  })

  it('gives nothing for a year outside the calendar it knows', () => {
    expect(chinesePublicHolidays(1800)).toEqual([])
    expect(chinesePublicHolidays(2026.5)).toEqual([])
  })
})

describe('holidaysBetween', () => {
  it('spans a year boundary with the defaults of both years', () => {
    expect(holidaysBetween(undefined, '2026-12-01', '2027-02-28').map((h) => h.date)).toEqual(['2027-02-06'])
  })

  it('uses the organisation’s own list when it keeps one, even an empty one', () => {
    const own = [{ date: '2026-12-25', name: '圣诞' }]
    expect(holidaysBetween(own, '2026-12-01', '2027-02-28')).toEqual(own)
    expect(holidaysBetween([], '2026-01-01', '2026-12-31')).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { dayOfInstant, startOfDay, todayIn, wallClockAt } from './calendar-day.ts'
import { parseDayNumber } from './civil-day.ts'

describe("the organisation's wall clock", () => {
  it('is the organisation’s date, weekday and minute whatever the device’s zone: 17:30Z on 7 Dec is 01:30 on Tuesday 8 Dec in Shanghai', () => {
    const ms = Date.parse('2026-12-07T17:30:00Z')
    expect(wallClockAt(ms, 'Asia/Shanghai')).toEqual({ today: '2026-12-08', weekday: 2, nowMinute: 90 })
    expect(wallClockAt(ms, 'UTC')).toEqual({ today: '2026-12-07', weekday: 1, nowMinute: 17 * 60 + 30 })
    expect(todayIn('Asia/Shanghai', ms)).toBe('2026-12-08')
  })

  it('agrees with the day an instant falls on and the instant a day starts, across a daylight-saving change', () => {
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'UTC']) {
      for (const iso of [
        '2026-03-29T00:59:00Z',
        '2026-03-29T01:00:00Z',
        '2026-11-01T05:30:00Z',
        '2026-12-31T23:59:00Z',
      ]) {
        const ms = Date.parse(iso)
        const clock = wallClockAt(ms, zone)
        const day = parseDayNumber(clock.today)
        expect(day).toBe(dayOfInstant(ms, zone))
        expect(new Date(Date.UTC(1970, 0, 1 + day)).getUTCDay()).toBe(clock.weekday)
        // Minutes since the zone's midnight, less any hour a daylight-saving change skipped that morning.
        const sinceMidnight = (ms - startOfDay(day, zone)) / 60_000
        expect(Math.abs(sinceMidnight - clock.nowMinute)).toBeLessThanOrEqual(60)
      }
    }
  })
})

import { describe, expect, it } from 'vitest'
import type { OpeningHours } from '../model/index.ts'
import { checkInFlags, openAt } from './check-in.ts'

const shop = { lat: 31.2304, lng: 121.4737 }
// About 2.3 km north of the shop.
const faraway = { lat: 31.2511, lng: 121.4737 }
const nextDoor = { lat: 31.2309, lng: 121.4737 }
/** Monday to Saturday 09:00–12:00 and 14:00–21:00, closed on Sundays. */
const weekdays = [
  { open: 9 * 60, close: 12 * 60 },
  { open: 14 * 60, close: 21 * 60 },
]
const hours: OpeningHours = [[], weekdays, weekdays, weekdays, weekdays, weekdays, weekdays]
// 2026-12-07 is a Monday; 08:10 in Shanghai is 00:10 UTC.
const beforeOpening = '2026-12-07T00:10:00.000Z'
const duringOpening = '2026-12-07T02:00:00.000Z'

describe('a check-in the rep should look at before saving', () => {
  it('flags a check-in farther than the policy radius, with the distance', () => {
    const r = checkInFlags({
      at: duringOpening,
      gps: faraway,
      customer: { location: shop, openingHours: hours },
    })
    expect(r.flags).toEqual([{ kind: 'far', distanceM: r.distanceM, radiusM: 300 }])
    expect(r.distanceM).toBeGreaterThan(2200)
    expect(r.distanceM).toBeLessThan(2400)
  })

  it('uses the policy radius when there is one', () => {
    const at = duringOpening
    const customer = { location: shop, openingHours: hours }
    expect(checkInFlags({ at, gps: faraway, customer, radiusM: 5000 }).flags).toEqual([])
    expect(checkInFlags({ at, gps: nextDoor, customer, radiusM: 20 }).flags.map((f) => f.kind)).toEqual([
      'far',
    ])
  })

  it('flags a shop that is closed at check-in time, in the organisation zone', () => {
    const customer = { location: shop, openingHours: hours }
    expect(checkInFlags({ at: beforeOpening, gps: nextDoor, customer }).flags).toEqual([
      { kind: 'closed', weekday: 1, minuteOfDay: 8 * 60 + 10 },
    ])
    expect(checkInFlags({ at: duringOpening, gps: nextDoor, customer }).flags).toEqual([])
    // The lunch break and Sunday are closed too.
    expect(openAt(hours, '2026-12-07T04:30:00.000Z')).toBe(false)
    expect(openAt(hours, '2026-12-06T02:00:00.000Z')).toBe(false)
    // 08:10 in Shanghai is 09:10 in Tokyo, where the shop is open.
    expect(openAt(hours, beforeOpening, 'Asia/Tokyo')).toBe(true)
  })

  it('says nothing it cannot know: no fix, no address, no opening hours entered', () => {
    const noHours: OpeningHours = [[], [], [], [], [], [], []]
    expect(
      checkInFlags({ at: beforeOpening, gps: null, customer: { location: shop, openingHours: noHours } }),
    ).toEqual({
      distanceM: null,
      flags: [],
    })
    expect(checkInFlags({ at: beforeOpening, gps: faraway, customer: { location: null } }).flags).toEqual([])
  })
})

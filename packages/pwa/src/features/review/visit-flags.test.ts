import { describe, expect, it } from 'vitest'
import { checkVisit, localOffsetMeters, visitMinutes } from './visit-flags.ts'

const shop = { location: { lat: 31.2304, lng: 121.4737 } }
// ~0.0001° of latitude ≈ 11 m.
const near = { lat: 31.2314, lng: 121.4737, accuracyM: 15 }
const far = { lat: 31.2354, lng: 121.4737, accuracyM: 15 }

describe('checkVisit', () => {
  it('raises no flag for a check-in at the shop with a good fix and a clock in line with the server', () => {
    const r = checkVisit(
      { checkInAt: '2026-05-01T09:00:00+08:00', receivedAt: '2026-05-01T01:02:00Z', checkInGps: near },
      shop,
    )
    expect(r.flags).toEqual([])
    expect(r.distanceM).toBeGreaterThan(100)
    expect(r.distanceM).toBeLessThan(120)
  })

  it('flags a check-in more than 300 m away with its distance', () => {
    const r = checkVisit({ checkInAt: '2026-05-01T09:00:00Z', checkInGps: far }, shop)
    expect(r.flags).toEqual([{ kind: 'far', distanceM: r.distanceM, radiusM: 300 }])
    expect(r.distanceM).toBeGreaterThan(500)
  })

  it('flags a fix coarser than 100 m, and a device clock more than 10 minutes off the server receipt', () => {
    const r = checkVisit(
      {
        checkInAt: '2026-05-01T09:00:00Z',
        receivedAt: '2026-05-01T09:25:00Z',
        checkInGps: { ...near, accuracyM: 250.4 },
      },
      shop,
    )
    expect(r.flags).toEqual([
      { kind: 'poorGps', accuracyM: 250 },
      { kind: 'clockSkew', minutes: 25 },
    ])
  })

  it('treats a device clock ahead of the server the same as one behind it', () => {
    const r = checkVisit(
      { checkInAt: '2026-05-01T10:00:00Z', receivedAt: '2026-05-01T09:00:00Z', checkInGps: null },
      shop,
    )
    expect(r.flags).toEqual([{ kind: 'clockSkew', minutes: 60 }])
  })

  it('uses the policy radius, and flags a check-in while the shop is closed, as the rep was warned', () => {
    const visit = { checkInAt: '2026-05-01T09:00:00Z', checkInGps: far }
    expect(checkVisit(visit, shop, { checkInRadiusM: 1000 }).flags).toEqual([])
    const open = { open: 9 * 60, close: 18 * 60 }
    // 2026-05-01 is a Friday; 09:00 UTC is 17:00 in Shanghai, 19:00 in Sydney (AEST, after closing).
    const hours = [[], [open], [open], [open], [open], [open], []]
    const customer = { ...shop, openingHours: hours }
    const policy = { checkInRadiusM: 1000 }
    expect(checkVisit(visit, customer, policy).flags).toEqual([])
    expect(checkVisit(visit, customer, { ...policy, timeZone: 'Australia/Sydney' }).flags).toEqual([
      { kind: 'closed', weekday: 5, minuteOfDay: 19 * 60 },
    ])
  })

  it('reports an unknown distance, not a flag, without a fix or without a customer location', () => {
    expect(checkVisit({ checkInAt: '2026-05-01T09:00:00Z', checkInGps: null }, shop)).toEqual({
      distanceM: null,
      flags: [],
    })
    expect(checkVisit({ checkInAt: '2026-05-01T09:00:00Z', checkInGps: far }, null).distanceM).toBeNull()
  })
})

describe('visitMinutes', () => {
  it('is the whole minutes from check-in to check-out, null while open or when out of order', () => {
    expect(visitMinutes('2026-05-01T09:00:00Z', '2026-05-01T09:42:20Z')).toBe(42)
    expect(visitMinutes('2026-05-01T09:00:00Z', null)).toBeNull()
    expect(visitMinutes('2026-05-01T09:00:00Z', '2026-05-01T08:00:00Z')).toBeNull()
  })
})

describe('localOffsetMeters', () => {
  it('places a point north-east of the origin at positive east and north offsets', () => {
    const o = localOffsetMeters(shop.location, {
      lat: shop.location.lat + 0.001,
      lng: shop.location.lng + 0.001,
    })
    expect(o.north).toBeGreaterThan(100)
    expect(o.east).toBeGreaterThan(80)
    expect(o.east).toBeLessThan(o.north)
  })
})

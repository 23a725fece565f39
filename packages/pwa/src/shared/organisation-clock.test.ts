import { defaultServicePolicy, type ServicePolicy } from '@outrider/domain'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { computeInsights } from '../worker/compute-insights.ts'
import { smallSnapshot } from '../worker/snapshot.test-helpers.ts'
import {
  clockNow,
  formatInstant,
  keepOrganisationTimeZone,
  organisationDay,
  organisationTimeZone,
} from './organisation-clock.ts'

// A phone set to UTC at 17:30Z on Monday 7 December: it is already 01:30 on Tuesday 8 December in Shanghai.
const AT = Date.parse('2026-12-07T17:30:00Z')

describe("the phone's today is the organisation's, whatever zone the device is set to", () => {
  const deviceZone = process.env.TZ
  beforeEach(() => {
    process.env.TZ = 'UTC'
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(AT)
  })
  afterEach(() => {
    vi.useRealTimers()
    keepOrganisationTimeZone(undefined)
    if (deviceZone === undefined) delete process.env.TZ
    else process.env.TZ = deviceZone
  })

  it('reads Tuesday 2026-12-08 at 01:30 in Asia/Shanghai (the default) on a device in UTC', () => {
    expect(new Date().getDate()).toBe(7) // the device's own day
    expect(organisationTimeZone()).toBe('Asia/Shanghai')
    expect(clockNow()).toEqual({ today: '2026-12-08', weekday: 2, nowMinute: 90 })
    expect(organisationDay('2026-12-07T16:00:00Z')).toBe('2026-12-08')
    expect(organisationDay('2026-12-07T15:59:59Z')).toBe('2026-12-07')
  })

  it('follows the zone the synced policy states', () => {
    keepOrganisationTimeZone('Europe/Berlin')
    expect(clockNow()).toEqual({ today: '2026-12-07', weekday: 1, nowMinute: 18 * 60 + 30 })
    keepOrganisationTimeZone(undefined)
    expect(clockNow().today).toBe('2026-12-08')
  })

  it('makes the care tasks, the plan and the classification for 2026-12-08', () => {
    // Every tier greets birthdays: a birthday on 15 December is inside the week ahead of 8 December
    // (made today), but not of 7 December.
    const policy: ServicePolicy = structuredClone(defaultServicePolicy)
    for (const tier of ['A', 'B', 'C'] as const) policy.tiers[tier].careActions = ['birthday_greeting']
    const snapshot = smallSnapshot()
    snapshot.customers = snapshot.customers.map((c) => ({ ...c, birthday: '1980-12-15' }))
    const insights = computeInsights({ ...snapshot, policy, clock: clockNow() })
    expect(insights.asOf).toBe('2026-12-08')
    expect(insights.plan?.date).toBe('2026-12-08')
    const birthdays = (insights.careTasks ?? []).filter((t) => t.due === '2026-12-15')
    expect(birthdays.length).toBe(snapshot.customers.length)
  })

  it("writes a check-in time on the organisation's clock, not the device's", () => {
    // 02:05Z is 10:05 in Shanghai: a supervisor's laptop set to UTC must not show 02:05.
    expect(formatInstant('2026-12-07T02:05:00Z', 'en-GB', 'time')).toBe('10:05')
    expect(formatInstant('2026-12-07T17:30:00Z', 'zh-CN')).toMatch(/^2026\/12\/8 01:30$/)
    keepOrganisationTimeZone('Europe/Berlin')
    expect(formatInstant('2026-12-07T02:05:00Z', 'en-GB', 'time')).toBe('03:05')
    expect(formatInstant('not a date', 'en')).toBe('')
  })
})

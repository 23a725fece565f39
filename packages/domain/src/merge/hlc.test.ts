import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hlcSchema } from '../model/common.ts'
import { compareStamps, createClock, formatStamp, isPlausibleStamp, parseStamp } from './hlc.ts'
import { MergeError } from './merge-error.ts'
import { manualTime } from './sample-records.test-helpers.ts'

const T0 = Date.parse('2026-03-01T08:00:00.000Z')

describe('createClock', () => {
  it('makes stamps in the model format, ordered by time', () => {
    const time = manualTime(T0)
    const clock = createClock('dev-a', time.now)
    const first = clock.tick()
    time.advance(5)
    const second = clock.tick()
    expect(hlcSchema.safeParse(first).success).toBe(true)
    expect(first).toBe(`${T0}-0000-dev-a`)
    expect(second > first).toBe(true)
  })

  it('never repeats or goes back, even when the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 1, maxLength: 200 }),
        (steps) => {
          const time = manualTime(T0)
          const clock = createClock('dev-a', time.now)
          let previous = ''
          for (const step of steps) {
            time.advance(step)
            const stamp = clock.tick()
            expect(stamp > previous).toBe(true)
            previous = stamp
          }
        },
      ),
    )
  })

  it('orders its next edit after any stamp it has seen from another device', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 9_999 }),
        (ahead, counter) => {
          const clock = createClock('dev-a', () => T0)
          const remote = formatStamp(T0 + ahead, counter, 'dev-z')
          expect(clock.observe(remote)).toBe(true)
          expect(clock.tick() > remote).toBe(true)
        },
      ),
    )
  })

  it('ignores stamps from a device whose clock is days ahead', () => {
    const clock = createClock('dev-a', () => T0, { maxDriftMs: 60_000 })
    expect(clock.observe(formatStamp(T0 + 3 * 86_400_000, 0, 'dev-z'))).toBe(false)
    expect(clock.observe('not a stamp')).toBe(false)
    expect(clock.tick()).toBe(`${T0}-0000-dev-a`)
  })

  it('keeps counting past 10,000 stamps in one millisecond', () => {
    const clock = createClock('dev-a', () => T0)
    const stamps = Array.from({ length: 10_002 }, () => clock.tick())
    expect(stamps.every((s, i) => hlcSchema.safeParse(s).success && (i === 0 || s > stamps[i - 1]!))).toBe(
      true,
    )
    expect(stamps.at(-1)).toBe(`${T0 + 1}-0001-dev-a`)
  })

  it('refuses a device id that would break the stamp format', () => {
    expect(() => createClock('dev a', () => T0)).toThrow(MergeError)
    expect(() => createClock('', () => T0)).toThrow(MergeError)
  })
})

describe('stamps', () => {
  it('compare as strings the same way as by (time, counter, device)', () => {
    const stampArb = fc.tuple(
      fc.integer({ min: T0, max: T0 + 10 ** 9 }),
      fc.integer({ min: 0, max: 9_999 }),
      fc.stringMatching(/^[A-Za-z0-9_.:-]{1,8}$/),
    )
    fc.assert(
      fc.property(stampArb, stampArb, ([ma, ca, da], [mb, cb, db]) => {
        const byParts =
          ma !== mb ? Math.sign(ma - mb) : ca !== cb ? Math.sign(ca - cb) : da < db ? -1 : da > db ? 1 : 0
        expect(compareStamps(formatStamp(ma, ca, da), formatStamp(mb, cb, db))).toBe(byParts)
      }),
    )
  })

  it('parse back into their parts', () => {
    expect(parseStamp(`${T0}-0042-dev-b`)).toEqual({ ms: T0, counter: 42, deviceId: 'dev-b' })
    expect(parseStamp('2026-03-01')).toBeNull()
  })

  it('are implausible when far in the future', () => {
    expect(isPlausibleStamp(formatStamp(T0 + 1_000, 0, 'd'), T0, 60_000)).toBe(true)
    expect(isPlausibleStamp(formatStamp(T0 + 120_000, 0, 'd'), T0, 60_000)).toBe(false)
    expect(isPlausibleStamp('garbage', T0, 60_000)).toBe(false)
  })
})

import { hlcSchema } from '../model/common.ts'
import { MergeError } from './merge-error.ts'

/**
 * Hybrid logical clock stamps, `<ms:13>-<counter:4>-<deviceId>` (see `hlcSchema`).
 *
 * Why plain string comparison orders them: milliseconds and counter are zero-padded to a fixed width, so
 * for digits lexicographic order is numeric order, and the `-` separators sit at the same offsets in every
 * stamp. Two stamps therefore compare by time, then counter, then device id, the deterministic tie-break
 * the merge rules need. (Dates before 2001 or after 2286 would need a 14th digit; neither occurs.)
 */
export interface HlcClock {
  /** A stamp greater than every stamp this clock has made or observed. */
  tick(): string
  /** Takes in a stamp from another device so the next tick orders after it. Returns false if ignored. */
  observe(remote: string): boolean
}

export interface ParsedStamp {
  ms: number
  counter: number
  deviceId: string
}

const MAX_COUNTER = 9_999
const deviceIdPattern = /^[A-Za-z0-9_.:-]{1,64}$/

export function formatStamp(ms: number, counter: number, deviceId: string): string {
  return `${String(ms).padStart(13, '0')}-${String(counter).padStart(4, '0')}-${deviceId}`
}

/** The parts of a stamp, or null when it is not a valid stamp. */
export function parseStamp(stamp: string): ParsedStamp | null {
  if (!hlcSchema.safeParse(stamp).success) return null
  return { ms: Number(stamp.slice(0, 13)), counter: Number(stamp.slice(14, 18)), deviceId: stamp.slice(19) }
}

/** Total order of stamps; the empty string (a field never edited) sorts before every stamp. */
export function compareStamps(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Whether a stamp is no further than `maxDriftMs` ahead of `nowMs`. The server rejects pushes with stamps
 * from the far future: one device with a wrong clock would otherwise win every later edit.
 */
export function isPlausibleStamp(stamp: string, nowMs: number, maxDriftMs: number): boolean {
  const parsed = parseStamp(stamp)
  return parsed !== null && parsed.ms <= nowMs + maxDriftMs
}

export interface ClockOptions {
  /** Remote stamps further ahead of `now()` than this are ignored by `observe` (default: one day). */
  maxDriftMs?: number
}

/**
 * A clock for one device. `now` is injected (wall clock in the app, a fake in tests); the clock stays
 * monotonic even when `now` goes backwards, and moves ahead of any remote stamp it observed.
 */
export function createClock(deviceId: string, now: () => number, options: ClockOptions = {}): HlcClock {
  if (!deviceIdPattern.test(deviceId)) {
    throw new MergeError(
      'E_BAD_DEVICE_ID',
      `device id must be 1–64 of A-Z a-z 0-9 _ . : -, got "${deviceId.slice(0, 80)}"`,
    )
  }
  const maxDriftMs = options.maxDriftMs ?? 86_400_000
  let lastMs = 0
  let counter = 0
  const wall = (): number => {
    const t = Math.floor(now())
    return Number.isFinite(t) && t >= 0 ? t : 0
  }
  return {
    tick() {
      const t = wall()
      if (t > lastMs) {
        lastMs = t
        counter = 0
      } else if (counter < MAX_COUNTER) {
        counter++
      } else {
        // 10,000 stamps in one millisecond: borrow the next millisecond rather than repeat a stamp.
        lastMs++
        counter = 0
      }
      return formatStamp(lastMs, counter, deviceId)
    },
    observe(remote) {
      const parsed = parseStamp(remote)
      if (parsed === null || parsed.ms > wall() + maxDriftMs) return false
      if (parsed.ms > lastMs || (parsed.ms === lastMs && parsed.counter > counter)) {
        lastMs = parsed.ms
        counter = parsed.counter
      }
      return true
    },
  }
}

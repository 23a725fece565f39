/**
 * The organisation's time zone: one setting (the service policy's `timeZone`, default Asia/Shanghai) that
 * decides which calendar day an instant falls on everywhere — an order stored as 2026-02-28T16:00Z was
 * taken on 1 March in Shanghai, and every screen, export and command must say so.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000

const formatters = new Map<string, Intl.DateTimeFormat>()
/** Offsets (minutes east of UTC) per zone and UTC hour: zones change offset on hour boundaries. */
const offsets = new Map<string, Map<number, number>>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Whether `timeZone` is an IANA zone this runtime knows (for validating the setting). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

function computeOffset(timeZone: string, ms: number): number {
  const parts = formatter(timeZone).formatToParts(ms)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'))
  return Math.round((local - Math.floor(ms / MINUTE_MS) * MINUTE_MS) / MINUTE_MS)
}

/** Minutes the zone is ahead of UTC at instant `ms` (480 for Asia/Shanghai). */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  if (timeZone === 'UTC') return 0
  let byHour = offsets.get(timeZone)
  if (byHour === undefined) {
    byHour = new Map()
    offsets.set(timeZone, byHour)
  }
  const hour = Math.floor(ms / HOUR_MS)
  let off = byHour.get(hour)
  if (off === undefined) {
    off = computeOffset(timeZone, hour * HOUR_MS)
    byHour.set(hour, off)
  }
  return off
}

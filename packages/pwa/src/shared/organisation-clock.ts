import { calendarDate, DEFAULT_TIME_ZONE, isTimeZone } from '@outrider/domain'
import { useMemo, useSyncExternalStore } from 'react'
import type { LocalClock } from '../worker/insights-types.ts'
import { organisationClock } from '../worker/local-clock.ts'

/**
 * The organisation's time zone on this device: the synced service policy's (the store tells it here once
 * the policy is read), kept for the next start so the first screen already counts days as the
 * organisation does; Asia/Shanghai before any policy reached the device.
 */
const KEY = 'outrider.timeZone'
const listeners = new Set<() => void>()
let zone: string | null = null

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage)

export function organisationTimeZone(): string {
  if (zone === null) {
    const kept = storage()?.getItem(KEY) ?? null
    zone = kept !== null && isTimeZone(kept) ? kept : DEFAULT_TIME_ZONE
  }
  return zone
}

/** The zone the synced policy states (absent: the default); screens showing a day follow a change. */
export function keepOrganisationTimeZone(timeZone: string | undefined): void {
  const next = timeZone ?? DEFAULT_TIME_ZONE
  if (next === organisationTimeZone()) return
  zone = next
  storage()?.setItem(KEY, next)
  for (const l of listeners) l()
}

/** The organisation's date, weekday and minute of the day now (or at `atMs`). */
export function clockNow(atMs: number = Date.now()): LocalClock {
  return organisationClock(organisationTimeZone(), atMs)
}

/** The organisation's calendar day of an instant, `YYYY-MM-DD` ('' when unreadable). */
export function organisationDay(iso: string): string {
  return calendarDate(iso, organisationTimeZone()) ?? ''
}

const subscribe = (l: () => void) => {
  listeners.add(l)
  return () => {
    listeners.delete(l)
  }
}

/** The organisation's clock when the screen rendered, read again when the organisation's zone changes. */
export function useOrganisationClock(): LocalClock {
  const timeZone = useSyncExternalStore(subscribe, organisationTimeZone)
  return useMemo(() => organisationClock(timeZone), [timeZone])
}

/**
 * An instant as the user's language writes a date and time, on the organisation's clock: a supervisor
 * in another zone and the rep read the same check-in time, the one the day plan and the KPIs count.
 */
export function formatInstant(
  iso: string | number,
  language: string,
  style: 'dateTime' | 'time' = 'dateTime',
): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const options: Intl.DateTimeFormatOptions =
    style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'short', timeStyle: 'short' }
  return new Intl.DateTimeFormat(language, { ...options, timeZone: organisationTimeZone() }).format(at)
}

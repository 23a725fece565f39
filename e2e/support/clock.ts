import { DEFAULT_TIME_ZONE, dayOfInstant, instantAt } from '@outrider/domain'
import type { BrowserContext } from 'playwright-core'

/**
 * `minute` (default 10:00) on the organisation's current day (the demo organisation's zone,
 * Asia/Shanghai): the working day lies ahead, at whatever hour the tests run (CI runs at about 01:00
 * there). The same calendar day as the server's, so the seed's "today" and the phone's agree, and within
 * a day of the server's clock, which accepts the phone's edits.
 */
export function organisationMorning(minute = 10 * 60, nowMs: number = Date.now()): number {
  return Date.parse(instantAt(dayOfInstant(nowMs, DEFAULT_TIME_ZONE), minute, DEFAULT_TIME_ZONE))
}

/**
 * Sets the phone's clock (every page of the profile) to `atMs`, from where it runs on: what the rep's
 * screens plan and show depends on the time of day, and a test must not.
 */
export async function pinPhoneClock(
  context: BrowserContext,
  atMs: number = organisationMorning(),
): Promise<number> {
  await context.clock.install({ time: atMs })
  return atMs
}

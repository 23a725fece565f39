import type { LocalClock } from './insights-types.ts'

const pad = (n: number) => String(n).padStart(2, '0')

/** The device's local date, weekday and minute of day (opening hours and plans are in local time). */
export function localClock(at: Date = new Date()): LocalClock {
  return {
    today: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    weekday: at.getDay(),
    nowMinute: at.getHours() * 60 + at.getMinutes(),
  }
}

/** 510 → "08:30". */
export function formatMinute(minute: number): string {
  const m = Math.max(0, Math.round(minute))
  return `${pad(Math.floor(m / 60) % 24)}:${pad(m % 60)}`
}

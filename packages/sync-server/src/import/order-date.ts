import { DEFAULT_TIME_ZONE, daysFromCivil, instantAt, parseDayNumber } from '@outrider/domain'

/**
 * An order date as a spreadsheet writes it — `2026-03-01`, `2026/3/1`, `2026-03-01 14:30[:00]` (wall-clock
 * time in the organisation's zone) or a full ISO date-time with offset — as an ISO instant, or null. A
 * date alone is the start of that calendar day in the zone, so every screen reads it back as that day.
 */
export function parseOrderDate(raw: string, timeZone: string = DEFAULT_TIME_ZONE): string | null {
  const text = raw.trim()
  const local = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local
    const p = (v: string) => v.padStart(2, '0')
    // Rejects 2026-02-30 and the like, which Date would roll over.
    const day = parseDayNumber(`${y}-${p(mo as string)}-${p(d as string)}`)
    const hour = Number(h)
    const minute = Number(mi)
    const second = Number(s)
    if (Number.isNaN(day) || hour > 23 || minute > 59 || second > 59) return null
    const start = Date.parse(
      instantAt(daysFromCivil(Number(y), Number(mo), Number(d)), hour * 60 + minute, timeZone),
    )
    return new Date(start + second * 1000).toISOString()
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null
  const t = new Date(text).getTime()
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

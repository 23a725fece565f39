/** Local time of the imported sheets: mainland China (no daylight saving). */
const OFFSET = '+08:00'

/**
 * An order date as a spreadsheet writes it — `2026-03-01`, `2026/3/1`, `2026-03-01 14:30[:00]` (China
 * time) or a full ISO date-time with offset — as an ISO instant, or null.
 */
export function parseOrderDate(raw: string): string | null {
  const text = raw.trim()
  const local = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
  let iso: string
  if (local) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local
    const p = (v: string) => v.padStart(2, '0')
    iso = `${y}-${p(mo!)}-${p(d!)}T${p(h)}:${p(mi)}:${p(s)}${OFFSET}`
    const check = new Date(iso)
    // Reject 2026-02-30 and the like, which Date would roll over.
    const back = new Date(check.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
    if (Number.isNaN(check.getTime()) || back !== `${y}-${p(mo!)}-${p(d!)}`) return null
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    iso = text
  } else return null
  const t = new Date(iso).getTime()
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

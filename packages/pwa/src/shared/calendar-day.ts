/** A calendar day `YYYY-MM-DD` as a local Date (midnight), or null when empty or unreadable. */
export function dayToDate(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null
}

/** A local Date's calendar day as `YYYY-MM-DD`. */
export function dateToDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A calendar day the way the user's language writes it: 2026年12月8日, Dec 8, 2026. */
export function formatDay(day: string, lang: string): string {
  const d = dayToDate(day)
  return d ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(d) : day
}

/** A time of day `HH:MM` the way the user's language writes it: 18:30, 6:30 PM. */
export function formatTime(hhmm: string, lang: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm)
  if (!m) return hhmm
  const at = new Date(2000, 0, 1, Number(m[1]), Number(m[2]))
  return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(at)
}

/**
 * Calendar dates as integer day numbers (days since 1970-01-01), parsed straight from the characters so
 * hot loops never build a `Date`. A date-time keeps the calendar date as written (its own offset), which
 * is what "the day the customer bought" means to the rep who took the order.
 */

const DIGIT_0 = 48

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Reads 1–`max` digits at `i`; returns the value and the index after them, or -1 when none. */
function readInt(s: string, i: number, max: number): [number, number] {
  let v = 0
  let j = i
  while (j < s.length && j - i < max) {
    const c = s.charCodeAt(j) - DIGIT_0
    if (c < 0 || c > 9) break
    v = v * 10 + c
    j++
  }
  return j === i ? [-1, i] : [v, j]
}

/**
 * Day number of `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.MM.DD` or `YYYY年M月D日`, optionally followed by a time
 * (`T` or a space, then anything). Returns NaN for anything else, including impossible dates like 2011-02-30.
 */
export function parseDayNumber(s: string): number {
  const fast = parseIsoDay(s)
  return fast === -1 ? parseDayNumberSlow(s) : fast
}

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - DIGIT_0
  return c >= 0 && c <= 9 ? c : -100_000
}

/** The common case, `YYYY-MM-DD` then nothing, 'T' or ' ': no allocation; -1 sends it to the slow path. */
function parseIsoDay(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1
  if (s.length > 10) {
    const next = s.charCodeAt(10)
    if (next !== 84 && next !== 32) return -1
  }
  const year = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3)
  const month = digitAt(s, 5) * 10 + digitAt(s, 6)
  const day = digitAt(s, 8) * 10 + digitAt(s, 9)
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1
  return daysFromCivil(year, month, day)
}

function parseDayNumberSlow(s: string): number {
  const [year, a] = readInt(s, 0, 4)
  if (year < 0 || a !== 4) return Number.NaN
  const sep = s.charCodeAt(a)
  // '-' '/' '.' or 年 (0x5e74)
  if (sep !== 45 && sep !== 47 && sep !== 46 && sep !== 0x5e74) return Number.NaN
  const [month, b] = readInt(s, a + 1, 2)
  if (month < 1 || month > 12) return Number.NaN
  const sep2 = s.charCodeAt(b)
  if (sep === 0x5e74 ? sep2 !== 0x6708 : sep2 !== sep) return Number.NaN
  const [day, c] = readInt(s, b + 1, 2)
  if (day < 1 || day > daysInMonth(year, month)) return Number.NaN
  let end = c
  if (sep === 0x5e74 && s.charCodeAt(end) === 0x65e5) end++
  if (end < s.length) {
    const next = s.charCodeAt(end)
    if (next !== 84 && next !== 32) return Number.NaN // 'T' or ' ' before a time part
  }
  return daysFromCivil(year, month, day)
}

/** `YYYY-MM-DD` of a day number (for explanations and output). */
export function formatDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

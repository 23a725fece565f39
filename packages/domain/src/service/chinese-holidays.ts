import { Lunar } from 'lunar-typescript'
import type { Holiday } from '../model/service-policy.ts'

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

/**
 * The six Chinese public holidays of a Gregorian year, on their real dates: 春节, 端午 and 中秋 from the
 * lunar calendar, 清明 from its solar term, 劳动节 and 国庆 fixed. `lunar-typescript` rather than
 * `Intl`'s Chinese calendar, which puts 春节 2027 and 2030 a day late.
 */
export function chinesePublicHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2099) return []
  const lunar = (month: number, day: number) => Lunar.fromYmd(year, month, day).getSolar().toYmd()
  // The solar-term table of a lunar year in spring holds that Gregorian year's 清明.
  const qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable().清明
  return [
    { date: lunar(1, 1), name: '春节' },
    { date: qingming?.toYmd() ?? ymd(year, 4, 5), name: '清明' },
    { date: ymd(year, 5, 1), name: '劳动节' },
    { date: lunar(5, 5), name: '端午' },
    { date: lunar(8, 15), name: '中秋' },
    { date: ymd(year, 10, 1), name: '国庆' },
  ]
}

/** Names of the default holidays in English, for reasons shown in English. */
export const holidayNamesEn: Readonly<Record<string, string>> = {
  春节: 'Spring Festival',
  清明: 'Qingming',
  劳动节: 'Labour Day',
  端午: 'Dragon Boat Festival',
  中秋: 'Mid-Autumn Festival',
  国庆: 'National Day',
}

/** The greeting days that apply: the organisation's own list if it keeps one, else the default ones. */
export function holidaysBetween(own: readonly Holiday[] | undefined, from: string, to: string): Holiday[] {
  const list =
    own ??
    Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) =>
      chinesePublicHolidays(Number(from.slice(0, 4)) + i),
    ).flat()
  return list.filter((h) => h.date >= from && h.date <= to).sort((a, b) => (a.date < b.date ? -1 : 1))
}

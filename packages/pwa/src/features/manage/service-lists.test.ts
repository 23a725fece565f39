import { describe, expect, it } from 'vitest'
import { formatHolidays, parseCategories, parseHolidays } from './service-lists.ts'

describe('organisation lists typed one entry a line', () => {
  it('takes categories one a line, skipping blanks and repeats', () => {
    expect(parseCategories(' 产品\n\n配送 \n包装\n产品\n')).toEqual(['产品', '配送', '包装'])
  })

  it('reads greeting days as date and name, sorted, and writes them back the same way', () => {
    const parsed = parseHolidays('2027-10-01 国庆\n\n2027-02-06  春节 \n')
    expect(parsed).toEqual({
      ok: true,
      holidays: [
        { date: '2027-02-06', name: '春节' },
        { date: '2027-10-01', name: '国庆' },
      ],
    })
    if (parsed.ok) expect(formatHolidays(parsed.holidays)).toBe('2027-02-06 春节\n2027-10-01 国庆')
  })

  it('names the first line that is not a real date with a name, and takes nothing', () => {
    expect(parseHolidays('2027-02-06 春节\n2027-02-30 错日子')).toEqual({
      ok: false,
      line: 2,
      text: '2027-02-30 错日子',
    })
    expect(parseHolidays('春节')).toMatchObject({ ok: false, line: 1 })
    expect(parseHolidays('2027-05-01')).toMatchObject({ ok: false, line: 1 })
  })
})

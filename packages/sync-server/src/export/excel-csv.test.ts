import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { excelCsv, zonedDateTime } from './excel-csv.ts'

const cellsOf = (csv: string) => Papa.parse<string[]>(csv.replace(/^\uFEFF/, '').trim()).data[1]!

describe('excelCsv', () => {
  it('neutralises formula cells, also behind spaces and in full-width ＝＋－＠, and leaves other text alone', () => {
    const hostile = [' =HYPERLINK("http://x")', '\u3000+1', '＝1+1', '＋1', '－1', '＠SUM(A1)', '=1', '\t=1']
    const cells = cellsOf(
      excelCsv(
        hostile.map((_, i) => `c${i}`),
        [hostile],
      ),
    )
    expect(cells).toEqual(hostile.map((h) => `'${h}`))
    const plain = ['华东 便利店', 'a = b', '100', 'email@example.com']
    expect(cellsOf(excelCsv(['a', 'b', 'c', 'd'], [plain]))).toEqual(plain)
  })
})

describe('dates and times in the sheets', () => {
  it("show an instant on the organisation's calendar day and wall clock", () => {
    // 00:30 on 1 March in Shanghai is still 28 February in UTC
    expect(zonedDateTime('2026-02-28T16:30:00.000Z', 'Asia/Shanghai')).toEqual({
      date: '2026-03-01',
      time: '00:30',
    })
    expect(zonedDateTime('2026-02-28T16:30:00.000Z', 'Europe/Berlin')).toEqual({
      date: '2026-02-28',
      time: '17:30',
    })
    expect(zonedDateTime(null)).toEqual({ date: '', time: '' })
  })
})

import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { excelCsv } from './excel-csv.ts'

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

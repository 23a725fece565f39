import { describe, expect, it } from 'vitest'
import { countDataLines, readCsvFile } from './read-csv-file.ts'

describe('reading a picked CSV file', () => {
  it('counts the data lines a spreadsheet shows: a quoted line break stays in its line, a last line without a break counts', () => {
    expect(countDataLines('名称,备注\n甲,"一\n二"\n乙,x\n')).toBe(2)
    expect(countDataLines('名称\n甲\n\n乙')).toBe(3)
    expect(countDataLines('名称\n')).toBe(0)
  })

  it('gives the text, its encoding, header and number of lines', async () => {
    const read = await readCsvFile(new Blob(['\uFEFF店名,电话\n甲,1\n乙,2\n']))
    expect(read).toMatchObject({ encoding: 'utf-8-bom', header: ['店名', '电话'], lines: 2 })
  })
})

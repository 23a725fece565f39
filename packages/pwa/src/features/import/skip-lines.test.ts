import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { blankLines, readHeader } from './skip-lines.ts'

const csv = '\uFEFF名称,地址\n甲店,"北京路 1 号\n二楼"\n乙店,南京路\n丙店,西湖路\n'

describe('readHeader', () => {
  it('reads the trimmed header without the BOM', () => {
    expect(readHeader(csv)).toEqual({ header: ['名称', '地址'] })
    expect(readHeader('')).toEqual({ error: 'no header' })
  })
})

describe('blankLines', () => {
  it('empties the chosen records and keeps every other record at its line number', () => {
    const out = blankLines(csv, new Set([3]))
    const records = Papa.parse<string[]>(out, { header: false }).data
    expect(records[0]).toEqual(['名称', '地址'])
    expect(records[1]).toEqual(['甲店', '北京路 1 号\n二楼'])
    expect(records[2]).toEqual([''])
    expect(records[3]).toEqual(['丙店', '西湖路'])
  })

  it('never blanks the header and returns the text unchanged when nothing is skipped', () => {
    expect(blankLines(csv, new Set())).toBe(csv)
    expect(Papa.parse<string[]>(blankLines(csv, new Set([1])), { header: false }).data[0]).toEqual([
      '名称',
      '地址',
    ])
  })
})

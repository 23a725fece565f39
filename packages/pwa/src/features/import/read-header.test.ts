import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { readCsvFile } from './read-csv-file.ts'
import { readHeader } from './read-header.ts'

const csv = '\uFEFF名称,地址\n甲店,"北京路 1 号\n二楼"\n乙店,南京路\n丙店,西湖路\n'

describe('readHeader', () => {
  it('reads the trimmed header without the BOM', () => {
    expect(readHeader(csv)).toEqual({ header: ['名称', '地址'] })
    expect(readHeader('')).toEqual({ error: 'no header' })
  })
})

describe('readCsvFile', () => {
  it('reads a GBK file as Excel on Chinese Windows writes it, and says so', async () => {
    const file = new Blob([new Uint8Array(iconv.encode('名称,地址\r\n甲店,北京路\r\n', 'gbk'))])
    expect(await readCsvFile(file)).toEqual({
      text: '名称,地址\r\n甲店,北京路\r\n',
      encoding: 'gb18030',
      header: ['名称', '地址'],
      lines: 1,
    })
  })

  it('tells an undecodable file from one without a header', async () => {
    expect(await readCsvFile(new Blob([new Uint8Array([0x81, 0x20, 0xff, 0x80])]))).toEqual({
      error: 'encoding',
    })
    expect(await readCsvFile(new Blob(['\n\n']))).toEqual({ error: 'header' })
  })
})

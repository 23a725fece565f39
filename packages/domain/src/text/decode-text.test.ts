import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeText } from './decode-text.ts'

const sample =
  '店名,电话,地址,等级\n张三便利店,13800138000,上海市徐汇区漕溪北路1号,A\n老王 超市（旗舰店）,021-6488 1234,"广州市天河区体育西路,3号",B\n'

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length)
const utf16be = (text: string): Buffer => iconv.encode(text, 'utf16-be')

describe('decodeText', () => {
  it.each([
    ['utf-8', bytes(Buffer.from(sample, 'utf8'))],
    ['utf-8-bom', bytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, 'utf8')]))],
    ['gb18030', bytes(iconv.encode(sample, 'gbk'))],
    ['gb18030', bytes(iconv.encode(sample, 'gb18030'))],
    ['utf-16le', bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]))],
    ['utf-16le', bytes(Buffer.from(sample, 'utf16le'))],
    ['utf-16be', bytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(sample)]))],
    ['utf-16be', bytes(utf16be(sample))],
  ])('reads %s back to the same text', (encoding, input) => {
    expect(decodeText(input)).toEqual({ text: sample, encoding })
  })

  it('reads a GBK file with a character outside GBK (GB18030 four-byte) too', () => {
    const text = '名称\n㐀记小吃\n'
    expect(decodeText(bytes(iconv.encode(text, 'gb18030')))).toEqual({ text, encoding: 'gb18030' })
  })

  it('refuses bytes that are no text in any of them, in both languages', () => {
    const junk = new Uint8Array([0x81, 0x20, 0xff, 0x80, 0x81, 0x30, 0xfe, 0x39, 0x80])
    const out = decodeText(junk)
    expect(out).toMatchObject({ error: expect.stringContaining('GBK'), zh: expect.stringContaining('编码') })
  })

  it('refuses a UTF-8 BOM followed by broken UTF-8 instead of guessing', () => {
    const broken = new Uint8Array([0xef, 0xbb, 0xbf, ...iconv.encode('张三', 'gbk')])
    expect(decodeText(broken)).toMatchObject({ error: expect.stringContaining('UTF-8') })
  })
})

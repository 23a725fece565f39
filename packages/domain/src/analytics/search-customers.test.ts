import { describe, expect, it } from 'vitest'
import { customer } from './records.test-helpers.ts'
import { buildSearchIndex, matchesSearch, search } from './search-customers.ts'
import { searchKeysFor } from './search-keys.ts'

const make = (id: string, name: string, phone?: string, address = '') =>
  customer(id, { name, searchKeys: searchKeysFor(name), address, ...(phone === undefined ? {} : { phone }) })

const zhang = make('zhang', '张三', '+86 138-1234-5678', '广州市天河区体育西路103号')
const shop = make('shop', '张三商行', '020-87654321')
const li = make('li', '李四便利店', '13900000000', '中山路1号')
const seven = make('seven', '7-11便利店')

describe('matchesSearch', () => {
  it('finds 张三 by characters, full pinyin, initials, in any case', () => {
    for (const q of ['张三', 'zhangsan', 'zs', 'ZS', 'Zhang San', 'zhang', '张'])
      expect(matchesSearch(zhang, q), q).toBe(true)
    expect(matchesSearch(zhang, 'lisi')).toBe(false)
  })

  it('finds a phone however it is typed', () => {
    for (const q of ['13812345678', '138 1234', '+86 138', '1234-5678'])
      expect(matchesSearch(zhang, q), q).toBe(true)
    expect(matchesSearch(shop, '8765')).toBe(true)
    expect(matchesSearch(zhang, '139')).toBe(false)
  })

  it('finds the address', () => {
    expect(matchesSearch(zhang, '体育西路')).toBe(true)
    expect(matchesSearch(li, '中山路')).toBe(true)
  })

  it('reads full-width and punctuation as typed plainly', () => {
    expect(matchesSearch(seven, '７１１')).toBe(true)
    expect(matchesSearch(seven, '7-11')).toBe(true)
  })
})

describe('search', () => {
  const index = buildSearchIndex([li, shop, seven, zhang])

  it('ranks an exact name above names it starts, above other matches', () => {
    expect(search(index, 'zs').map((c) => c.id)).toEqual(['zhang', 'shop'])
    expect(search(index, '张三').map((c) => c.id)).toEqual(['zhang', 'shop'])
  })

  it('finds by initials, phone and address', () => {
    expect(search(index, 'lsbld').map((c) => c.id)).toEqual(['li'])
    expect(search(index, '139 0000').map((c) => c.id)).toEqual(['li'])
    expect(search(index, '体育').map((c) => c.id)).toEqual(['zhang'])
  })

  it('lists everyone for an empty query, up to the limit', () => {
    expect(search(index, '  ')).toHaveLength(4)
    expect(search(index, '', 2)).toHaveLength(2)
  })

  it('works from stored keys alone', () => {
    const stored = buildSearchIndex([customer('x', { name: '王五', searchKeys: ['王五', 'wangwu', 'ww'] })])
    expect(search(stored, 'ww').map((c) => c.id)).toEqual(['x'])
  })
})

import { describe, expect, it } from 'vitest'
import { fullPinyin, searchKeysFor } from './search-keys.ts'

describe('searchKeysFor', () => {
  it('gives the name, its full pinyin and its initials', () => {
    expect(searchKeysFor('张三')).toEqual(['张三', 'zhangsan', 'zs'])
    expect(searchKeysFor(' 张三超市 ')).toEqual(['张三超市', 'zhangsanchaoshi', 'zscs'])
  })

  it('reads surnames as surnames and ü as v, the way people type them', () => {
    expect(searchKeysFor('单田芳')).toContain('shantianfang')
    expect(searchKeysFor('吕布')).toContain('lvbu')
  })

  it('keeps Latin words and digits', () => {
    expect(searchKeysFor('7-11便利店')).toEqual(['7-11便利店', '711bianlidian', '711bld'])
    expect(searchKeysFor('Zhang San')).toEqual(['Zhang San', 'zhangsan', 'zs'])
  })

  it('spells traditional characters like simplified ones', () => {
    expect(fullPinyin('張三')).toBe(fullPinyin('张三'))
  })
})

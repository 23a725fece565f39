import { describe, expect, it } from 'vitest'
import { addressSimilarity, diceSimilarity, normalizeAddress, normalizeName } from './normalize-text.ts'

describe('normalizeName', () => {
  it('drops trading-form suffixes, spaces, punctuation and width differences', () => {
    expect(normalizeName('张三超市')).toBe('张三')
    expect(normalizeName('张三商行')).toBe('张三')
    expect(normalizeName('上海张三食品有限公司')).toBe('上海张三食品')
    expect(normalizeName('张 三')).toBe('张三')
    expect(normalizeName('ＡＢＣ便利店')).toBe('abc')
    expect(normalizeName('Zhang San Trading Co., Ltd.')).toBe('zhangsantrading')
  })

  it('keeps a name that is nothing but a suffix, and Latin words that merely end like one', () => {
    expect(normalizeName('超市')).toBe('超市')
    expect(normalizeName('Marco')).toBe('marco')
  })
})

describe('normalizeAddress', () => {
  it('removes province, city and district prefixes and folds full-width digits', () => {
    const full = normalizeAddress('广东省广州市天河区体育西路１０３号')
    expect(full).toBe('体育西路103号')
    expect(normalizeAddress('天河区 体育西路 103 号')).toBe(full)
    expect(normalizeAddress('中国广州市天河区体育西路103号')).toBe(full)
  })

  it('removes the customer’s own city and district when written without 市/区', () => {
    expect(normalizeAddress('广州天河体育西路103号', '广州', '天河区')).toBe('体育西路103号')
  })
})

describe('similarity', () => {
  it('scores bigram overlap', () => {
    expect(diceSimilarity('zhangsan', 'zhangsan')).toBe(1)
    expect(diceSimilarity('abcd', 'wxyz')).toBe(0)
    expect(diceSimilarity('night', 'nacht')).toBeCloseTo(0.25, 10)
  })

  it('treats a shortened address as nearly the same and other house numbers as different doors', () => {
    expect(addressSimilarity('广州天河体育西路103号', '体育西路103号')).toBe(0.9)
    expect(addressSimilarity('体育西路103号', '体育西路105号')).toBeLessThanOrEqual(0.5)
  })
})

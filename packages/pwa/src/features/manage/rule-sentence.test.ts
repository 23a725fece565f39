import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { codeMessages } from '../../shared/i18n/codes.ts'
import { ruleSentence } from './rule-sentence.ts'

// Sentences are built from the stored codes' labels alone.
const resources = {
  en: { translation: { code: codeMessages.en } },
  'zh-CN': { translation: { code: codeMessages.zh } },
}

describe('tag rules read as sentences', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } })
  })

  it('says a rule in Chinese, with units and labels instead of field names and codes', () => {
    const t = i18next.getFixedT('zh-CN')
    expect(ruleSentence(t, { field: 'recencyDays', op: 'gt', value: 120 })).toBe('最近购买距今 超过 120 天')
    expect(
      ruleSentence(t, {
        all: [
          { field: 'monetary', op: 'gte', value: 5000 },
          {
            any: [
              { field: 'status', op: 'eq', value: 'prospect' },
              { field: 'industry', op: 'exists' },
            ],
          },
        ],
      }),
    ).toBe('累计消费 至少 5000 元，且（客户状态 为 潜在客户，或行业 已填写）')
    expect(ruleSentence(t, { not: { field: 'tier', op: 'in', value: ['A', 'B'] } })).toBe(
      '并非（客户等级 属于 A、B）',
    )
  })

  it('says it in English for an English reader', () => {
    const t = i18next.getFixedT('en')
    expect(ruleSentence(t, { field: 'daysSinceVisit', op: 'lte', value: 30 })).toBe(
      'Days since last visit at most 30 days',
    )
  })

  it('names a cluster as the team named it, and says when it no longer exists, never its id', () => {
    const clusters = new Map([['cl-1a2b', '#2 老客户']])
    const t = i18next.getFixedT('zh-CN')
    expect(ruleSentence(t, { field: 'cluster', op: 'eq', value: 'cl-1a2b' }, new Map(), clusters)).toBe(
      '客户聚类 为 #2 老客户',
    )
    expect(
      ruleSentence(t, { field: 'cluster', op: 'in', value: ['cl-1a2b', 'cl-gone'] }, new Map(), clusters),
    ).toBe('客户聚类 属于 #2 老客户、已不存在的类')
    expect(ruleSentence(i18next.getFixedT('en'), { field: 'cluster', op: 'ne', value: '0' })).toBe(
      'Customer cluster is not a cluster that no longer exists',
    )
  })
})

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
})

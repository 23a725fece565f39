import { servicePolicySchema } from '@outrider/domain'
import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { issuesByPath } from './issue-text.ts'
import { en } from './locales/en.ts'
import { zhCN } from './locales/zh-CN.ts'

// The app-wide strings are enough: form errors live there, not in a feature's messages.
const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } }

describe('form errors in the reader’s language, by field', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } })
  })

  it('says what is wrong with each field in Chinese, never zod’s English', () => {
    const t = i18next.getFixedT('zh-CN')
    const schema = z.object({
      days: z.number().int().min(1).max(365),
      minutes: z.number().min(5),
      name: z.string().min(1).max(4),
      note: z.string().max(3),
      count: z.number().int(),
    })
    const r = schema.safeParse({ days: 0, minutes: Number.NaN, name: '', note: 'abcd', count: 1.5 })
    expect(r.success).toBe(false)
    expect(issuesByPath(t, r.error?.issues ?? [])).toEqual({
      days: '不能小于 1',
      minutes: '请输入数字',
      name: '此项必填',
      note: '最多 3 个字',
      count: '请输入整数',
    })
  })

  it('keys a policy’s errors by the field path the editor shows them beside', () => {
    const t = i18next.getFixedT('zh-CN')
    const bad = { tiers: { A: { visitEveryDays: 0 } } }
    const r = servicePolicySchema.safeParse(bad)
    const byPath = issuesByPath(t, r.error?.issues ?? [])
    expect(byPath['tiers.A.visitEveryDays']).toBe('不能小于 1')
    expect(Object.values(byPath).join('')).not.toMatch(/[A-Za-z]{3,}/)
  })
})

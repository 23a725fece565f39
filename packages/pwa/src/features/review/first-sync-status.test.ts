import i18next from 'i18next'
import { beforeAll, describe, expect, it } from 'vitest'
import { FirstSyncProgress, idleFirstSync } from '../../store/sync/first-sync.ts'
import { firstSyncMessage } from './first-sync-status.tsx'
import { reviewMessages } from './messages.ts'

const resources = {
  en: { translation: { review: reviewMessages.en } },
  'zh-CN': { translation: { review: reviewMessages.zh } },
}
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`)

describe('a first sync’s progress, as the supervisor reads it', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'zh-CN', resources, interpolation: { escapeValue: false } })
  })
  const zh = (s: Parameters<typeof firstSyncMessage>[2]) =>
    firstSyncMessage(i18next.getFixedT('zh-CN'), 'zh-CN', s)
  const en = (s: Parameters<typeof firstSyncMessage>[2]) => firstSyncMessage(i18next.getFixedT('en'), 'en', s)

  it('shows records of the total and the percent, the window first, then history still loading', () => {
    const p = new FirstSyncProgress()
    p.expectWindow('visits')
    p.passPage('customers', 1_200, ids('c', 1_000))
    p.windowPage('visits', 18_000, ids('v', 1_000), false)
    // Customers and the first window page: 2,000 of 19,200.
    expect(zh(p.state$.value)).toBe('首次同步：先同步最近 8 周的拜访。已同步 2,000 / 19,200（10%）')
    p.windowPage('visits', 18_000, ids('v', 1_500), true)
    expect(en(p.state$.value)).toBe(
      'The last 8 weeks are in: you can review them now. Older history is still loading: synced 2,500 / 19,200 (13%)',
    )
    // The normal pass delivers the window's visits again: they are not counted twice.
    p.passPage('visits', 18_000, [...ids('v', 1_500), ...ids('old', 500)])
    expect(zh(p.state$.value)).toBe(
      '最近 8 周的拜访已就绪，可以开始审核；更早的记录仍在同步：已同步 3,000 / 19,200（15%）',
    )
  })

  it('never shows more than the total, and nothing once the sync is over or when none runs', () => {
    const p = new FirstSyncProgress()
    p.passPage('orders', 10, ids('o', 12))
    expect(en(p.state$.value)).toContain('synced 10 / 10 (100%)')
    p.finish()
    expect(p.state$.value).toEqual(idleFirstSync)
    expect(zh(p.state$.value)).toBeNull()
    // A later pass reports no total: a returning device shows nothing.
    const q = new FirstSyncProgress()
    q.passPage('visits', undefined, ids('v', 5))
    expect(en(q.state$.value)).toBeNull()
  })

  it('counts what a resumed first pass already held', () => {
    const p = new FirstSyncProgress()
    p.passPage('visits', 5_000, ids('v', 1_000), 3_000)
    expect(en(p.state$.value)).toContain('4,000 / 5,000 (80%)')
  })
})

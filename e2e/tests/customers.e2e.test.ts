import { searchKeysFor } from '@outrider/domain'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn } from '../support/sign-in.ts'

type Row = { id: string; name: string; phone: string | null }

// The list re-filters as a deferred (background) render, which waits while the phone is busy with its
// first sync and analysis; vitest's poll gives up after 1 s by default, a speed check this test is not.
const LIST_SETTLES = { timeout: 10_000 }

describe('customers: pinyin search, filters, badges with explanations, prospects offline', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let browser: Awaited<ReturnType<typeof launchProfile>>
  let page: Page
  let repId: string
  let mine: Row[]

  const count = async () => {
    const text = (await page.getByTestId('customer-count').textContent()) ?? ''
    return Number(/共 (\d+) 位客户/.exec(text)?.[1] ?? Number.NaN)
  }

  beforeAll(async () => {
    server = await startE2eServer({ customers: 200 })
    browser = await launchProfile()
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, c.doc->>'name' AS name, c.doc->>'phone' AS phone, u.id AS rep
         FROM customers c JOIN users u ON u.id = c.owner_rep_id WHERE u.email = $1 ORDER BY c.id`,
      [rep.email],
    )
    mine = rows
    repId = rows[0].rep
    page = await browser.context.newPage()
    // Signed in once the app shell (with its connection badge) shows; then open the list.
    await signIn(page, server.url, rep)
    await page.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click()
    await page
      .getByTestId('customer-count')
      .filter({ hasText: `共 ${mine.length} 位客户` })
      .waitFor({ timeout: 60_000 })
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('finds a customer by the pinyin initials of their name, and filters narrow the list', async () => {
    const target = mine.find((c) => /[\u4e00-\u9fff]{3,}/.test(c.name))!
    const initials = searchKeysFor(target.name).at(-1)!
    expect(initials).toMatch(/^[a-z0-9]+$/)
    const search = page.getByRole('searchbox', { name: /搜索名称/ })
    await search.fill(initials)
    await expect
      .poll(() => page.getByTestId('customer-row').allTextContents(), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(target.name)]))
    expect(await count()).toBeLessThan(mine.length)
    expect(await axeViolations(page)).toEqual([])

    await search.fill('')
    await expect.poll(count, LIST_SETTLES).toBe(mine.length)
    // Tiers come from the worker's segmentation; wait until rows carry their badges.
    await expect.poll(() => page.locator('.crow .badge').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    await page.getByText('筛选', { exact: true }).click()
    await page.getByTestId('filter-tier').selectOption('A')
    // The tier-A rows: fewer than all, and not none (the list may re-render once while it narrows).
    await expect
      .poll(async () => {
        const n = await count()
        return n > 0 && n < mine.length
      }, LIST_SETTLES)
      .toBe(true)
    const badges = await page.locator('.crow .badge.tier-A').count()
    expect(badges).toBe(await page.getByTestId('customer-row').count())
    await page.getByTestId('filter-tier').selectOption('')
    await expect.poll(count, LIST_SETTLES).toBe(mine.length)
  })

  it('the customer page shows badges, and a badge opens its explanation', async () => {
    // Navigate inside the app (no reload: the local database and worker stay warm).
    const row = page.getByTestId('customer-row').first()
    const targetId = (await row.getAttribute('data-customer-id'))!
    const target = mine.find((c) => c.id === targetId)!
    await row.getByRole('link').click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 })
      .toBe(target.name)
    const badges = page.getByTestId('badge')
    await expect.poll(() => badges.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4)
    const tier = badges.first()
    expect(await tier.getByTestId('explanation').isVisible()).toBe(false)
    await tier.locator('summary').click()
    await expect.poll(() => tier.getByTestId('explanation').isVisible()).toBe(true)
    expect(((await tier.getByTestId('explanation').textContent()) ?? '').length).toBeGreaterThan(4)
    expect(await page.getByRole('link', { name: '开始拜访' }).getAttribute('href')).toBe(
      `/visit/${target.id}`,
    )
    expect(await axeViolations(page)).toEqual([])
  })

  it('warns about a likely duplicate when a prospect has the phone of an existing customer', async () => {
    const existing = mine.find((c) => c.phone)!
    await page.getByRole('link', { name: '全部客户' }).click()
    await page.getByRole('link', { name: '新增潜在客户' }).click()
    await page.getByLabel('名称', { exact: true }).fill('新开便利店')
    await page.getByLabel('电话', { exact: true }).fill(existing.phone!)
    await page.getByLabel('地址', { exact: true }).fill('幸福路88号')
    await page.getByLabel('城市', { exact: true }).fill('上海')
    await page.getByRole('button', { name: '保存潜在客户' }).click()
    const warning = page.getByTestId('duplicate-warning')
    await warning.waitFor({ timeout: 20_000 })
    expect(await warning.textContent()).toContain(existing.name)
    expect(await page.getByRole('button', { name: '仍然保存' }).isVisible()).toBe(true)
  })

  it('a prospect added offline reaches the server after reconnecting', async () => {
    const name = `离线新客户${Date.now() % 100_000}`
    await page.getByRole('link', { name: '取消' }).click()
    await page.getByRole('link', { name: '新增潜在客户' }).click()
    await browser.context.setOffline(true)
    await page.getByLabel('名称', { exact: true }).fill(name)
    await page.getByLabel('电话', { exact: true }).fill('021 5555 0199')
    await page.getByLabel('地址', { exact: true }).fill('离线路1号')
    await page.getByLabel('城市', { exact: true }).fill('上海')
    await page.getByRole('button', { name: '保存潜在客户' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe(name)
    await browser.context.setOffline(false)
    await expect
      .poll(
        async () => {
          const { rows } = await server.db.pool.query(
            `SELECT owner_rep_id, doc->>'status' AS status FROM customers WHERE doc->>'name' = $1`,
            [name],
          )
          return rows
        },
        { timeout: 30_000 },
      )
      .toEqual([{ owner_rep_id: repId, status: 'prospect' }])
  })
})

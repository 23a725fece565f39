import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signInAt } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>

// The supervisor's desk console (≥ 1024 px): the screens down the side, the review as a sortable table.
describe('desk console: the supervisor reviews visits in a table beside a drawer', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let sup: Profile
  let supPage: Page

  beforeAll(async () => {
    server = await startE2eServer({ customers: 40 })
    sup = await launchProfile({ viewport: { width: 1280, height: 900 } })
    supPage = await signInAt(sup, server.url, 'sup1@outrider.demo', '/review')
  })
  afterAll(async () => {
    await sup?.close()
    await server?.stop()
  })

  it('the desk console: side navigation, the review as a table newest first, sorted by its headers (kept in the address), a visit in a drawer', async () => {
    await supPage.getByRole('navigation').getByRole('link', { name: '拜访审核', exact: true }).click()
    await expect.poll(() => supPage.getByTestId('visit-row').count(), { timeout: 30_000 }).toBeGreaterThan(2)
    // On a desk the screens are down the side: there is no phone tab bar.
    expect(await supPage.locator('.tabbar').count()).toBe(0)
    const checkInHeader = supPage.getByRole('columnheader', { name: '签到' })
    expect(await checkInHeader.getAttribute('aria-sort')).toBe('descending')
    const shownTimes = async () => {
      const ids = await supPage
        .getByTestId('visit-row')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-visit-id')))
      const { rows } = await server.db.pool.query<{ id: string; at: Date }>(
        'SELECT id, check_in_at AS at FROM visits WHERE id = ANY($1)',
        [ids],
      )
      const at = new Map(rows.map((r) => [r.id, new Date(r.at).getTime()]))
      return ids.map((id) => at.get(id ?? ''))
    }
    const newest = await shownTimes()
    expect(newest).toEqual([...newest].sort((a, b) => (b ?? 0) - (a ?? 0)))

    await checkInHeader.click()
    await expect.poll(() => new URL(supPage.url()).searchParams.get('sort')).toBe('oldest')
    await expect.poll(() => checkInHeader.getAttribute('aria-sort')).toBe('ascending')
    await expect
      .poll(async () => {
        const oldest = await shownTimes()
        return oldest.every((t, i) => i === 0 || (t ?? 0) >= (oldest[i - 1] ?? 0))
      })
      .toBe(true)
    // The address keeps the sort: a reload shows the same order.
    await supPage.reload()
    await supPage.getByTestId('visit-row').first().waitFor({ timeout: 30_000 })
    await expect
      .poll(() => supPage.getByRole('columnheader', { name: '签到' }).getAttribute('aria-sort'))
      .toBe('ascending')

    const first = supPage.getByTestId('visit-row').first()
    const name = (await first.locator('.row-button').textContent())?.trim() ?? ''
    await first.locator('.row-button').click()
    const detail = supPage.getByTestId('visit-detail')
    await detail.waitFor()
    expect(await detail.getByRole('heading', { level: 2 }).textContent()).toContain(name.split(' ')[0])
    // The table stays usable beside the drawer.
    expect(await supPage.getByTestId('visit-row').first().isVisible()).toBe(true)
    await detail.getByRole('button', { name: '关闭' }).click()
    await expect.poll(() => detail.isVisible()).toBe(false)

    const pending = supPage
      .getByRole('checkbox', { name: /^选择 .+ 的拜访$/ })
      .and(supPage.locator(':enabled'))
    await pending.first().check()
    expect(await supPage.getByTestId('bulk-approve').textContent()).toBe('批量通过所选（1）')
    await pending.first().uncheck()
  })
})

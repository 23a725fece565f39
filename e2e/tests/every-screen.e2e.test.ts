import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, smallTouchTargets, unnamedControls } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { pinPhoneClock } from '../support/clock.ts'
import { startE2eServer } from '../support/server.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>
/** `ready`: what must be on screen (each of them) before it is checked. */
type Screen = { path: string; heading: string; ready?: string | string[] }

/**
 * Every screen of each role, opened by its address, with its data loaded: no serious or critical
 * axe-core violations (WCAG 2 A/AA) on the whole page, bottom navigation included, no control
 * without an accessible name, and no touch target under 44 × 44 px (the phone-sized viewport). The rep browses in Chinese, the supervisor in English (each the browser's
 * language), so both translations are covered.
 */
describe('every screen is accessible and thumb-sized, in both languages', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  const profiles: Profile[] = []

  beforeAll(async () => {
    server = await startE2eServer({ customers: 120 })
  })
  afterAll(async () => {
    for (const p of profiles) await p.close()
    await server?.stop()
  })

  async function signIn(
    locale: string,
    email: string,
    labels: { email: string; password: string; submit: string },
  ) {
    const profile = await launchProfile({ locale })
    profiles.push(profile)
    // Today's plan (a screen swept here) depends on the hour: 10:00 in the organisation's zone has one.
    await pinPhoneClock(profile.context)
    const page = await profile.context.newPage()
    await page.goto(server.url)
    await page.locator('#login-title').waitFor({ timeout: 30_000 })
    expect(await axeViolations(page, 'body')).toEqual([])
    expect(await unnamedControls(page)).toEqual([])
    await page.getByLabel(labels.email).fill(email)
    await page.getByLabel(labels.password).fill(server.logins.find((l) => l.email === email)!.password)
    await page.getByRole('button', { name: labels.submit }).click()
    await page.getByTestId('connection').waitFor({ timeout: 30_000 })
    return page
  }

  /** Opens each screen by address (a deep link, as from a bookmark) and checks it once it has loaded. */
  async function sweep(page: Page, screens: Screen[]) {
    const found: Record<string, string[]> = {}
    for (const s of screens) {
      await page.goto(`${server.url}${s.path}`)
      await page.locator(s.heading).waitFor({ timeout: 30_000 })
      for (const r of [s.ready ?? []].flat()) await page.locator(r).first().waitFor({ timeout: 30_000 })
      const problems = [
        ...(await axeViolations(page, 'body')),
        ...(await unnamedControls(page)),
        ...(await smallTouchTargets(page)).map((c) => `smaller than 44 px: ${c}`),
      ]
      if (problems.length > 0) found[s.path] = problems
    }
    return found
  }

  it('rep screens (zh-CN): today, customers, a customer, a new prospect, a visit, tasks, sync, settings', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, count(*) OVER ()::int AS n FROM customers c JOIN users u ON u.id = c.owner_rep_id
        WHERE u.email = $1 ORDER BY c.id LIMIT 1`,
      [rep.email],
    )
    const page = await signIn('zh-CN', rep.email, { email: '邮箱', password: '密码', submit: '登录' })
    // The rep's slice has arrived once the list counts all of their customers.
    await page
      .getByTestId('customer-count')
      .filter({ hasText: `共 ${rows[0].n} 位客户` })
      .waitFor({
        timeout: 60_000,
      })
    const found = await sweep(page, [
      { path: '/today', heading: '#today-title', ready: '[data-testid=stop]' },
      { path: '/customers', heading: '#customers-title', ready: '[data-testid=customer-row]' },
      { path: `/customers/${rows[0].id}`, heading: '#customer-title', ready: '[data-testid=timeline]' },
      { path: '/customers/new', heading: '#new-prospect-title' },
      { path: `/visit/${rows[0].id}`, heading: '#visit-title' },
      { path: '/tasks', heading: '#tasks-title' },
      { path: '/sync', heading: '#sync-title', ready: '[data-testid=sync-pending]' },
      { path: '/settings', heading: '#settings-title', ready: '[data-testid=storage-usage]' },
    ])
    expect(found).toEqual({})
  })

  it('supervisor screens (en): review, dashboard, manage, import, conflicts, complaints, customers', async () => {
    const sup = server.logins.find((l) => l.role === 'supervisor')!
    const page = await signIn('en-US', sup.email, { email: 'Email', password: 'Password', submit: 'Sign in' })
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    const found = await sweep(page, [
      { path: '/review', heading: '#review-title', ready: '[data-testid=visit-row]' },
      { path: '/dashboard', heading: '#dashboard-title', ready: '[data-testid=chart-visits] svg' },
      {
        path: '/manage',
        heading: '#manage-title',
        ready: ['[data-testid=assign-row]', '[data-testid=tier-shares]', '#rfm-title'],
      },
      { path: '/import', heading: '#import-title' },
      { path: '/conflicts', heading: '#conflicts-title', ready: '[data-testid=conflict-count]' },
      { path: '/complaints', heading: '#complaints-title', ready: '[data-testid=complaint]' },
      { path: '/customers', heading: '#customers-title', ready: '[data-testid=customer-row]' },
    ])
    expect(found).toEqual({})
  }, 300_000) // Seven screens, the dashboard with every KPI by rep, team and tier among them: over 2 min when loaded.
})

import { DEFAULT_TIME_ZONE, wallClockAt } from '@outrider/domain'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { organisationMorning, pinPhoneClock } from '../support/clock.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn } from '../support/sign-in.ts'

type Window = { open: number; close: number }

describe("rep's day plan: timed stops that hold still, re-plan offline", () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let browser: Awaited<ReturnType<typeof launchProfile>>
  let page: Page
  let repId: string
  // 07:30 in Shanghai on a phone set to UTC, where it is still 23:30 the day before: the plan is for the
  // organisation's day and starts with its working day, at whatever hour the test runs.
  const pinned = organisationMorning(7 * 60 + 30)
  const orgClock = wallClockAt(pinned, DEFAULT_TIME_ZONE)

  beforeAll(async () => {
    server = await startE2eServer({ customers: 200 })
    browser = await launchProfile({ timezoneId: 'UTC' })
    await pinPhoneClock(browser.context, pinned)
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      'SELECT u.id, count(c.id)::int AS n FROM users u JOIN customers c ON c.owner_rep_id = u.id WHERE u.email = $1 GROUP BY u.id',
      [rep.email],
    )
    repId = rows[0].id
    page = await browser.context.newPage()
    // Signed in once the app shell (with its connection badge) shows; then open the list.
    await signIn(page, server.url, rep)
    // The rep's slice has arrived once the list shows all of their customers (expect.poll is test-only).
    await page.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click()
    const want = `共 ${rows[0].n} 位客户`
    await page.getByTestId('customer-count').filter({ hasText: want }).waitFor({ timeout: 60_000 })
    await page.getByRole('navigation').getByRole('link', { name: '今日', exact: true }).click()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('starts the day with timed stops, each inside that customer’s opening hours today, with a sketch and map links', async () => {
    const stops = page.getByTestId('stop')
    await expect.poll(() => stops.count(), { timeout: 30_000 }).toBeGreaterThan(0)
    // The plan holds still: the same stops in the same order 1 s, 5 s and 15 s after it appears,
    // and the same again at once after reopening the app.
    const order = () => stops.evaluateAll((els) => els.map((e) => e.getAttribute('data-customer-id')))
    const seen: (string | null)[][] = []
    for (const wait of [1000, 4000, 10_000]) {
      await page.waitForTimeout(wait)
      seen.push(await order())
    }
    expect(seen[1]).toEqual(seen[0])
    expect(seen[2]).toEqual(seen[0])
    await page.reload()
    await expect.poll(() => stops.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await order()).toEqual(seen[0])
    await page.getByRole('button', { name: '开始今日工作' }).click()
    await page.getByText(/已于 .+ 开始/).waitFor({ timeout: 10_000 })
    const today = page.locator('section.today')
    expect(await today.getAttribute('data-date')).toBe(orgClock.today)
    const weekday = Number(await today.getAttribute('data-weekday'))
    expect(weekday).toBe(orgClock.weekday)
    const planned = await stops.evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-customer-id') ?? '',
        start: Number(e.getAttribute('data-start')),
      })),
    )
    const { rows } = await server.db.pool.query(
      `SELECT id, doc->'openingHours' AS hours FROM customers WHERE id = ANY($1::text[])`,
      [planned.map((p) => p.id)],
    )
    const hours = new Map(rows.map((r: { id: string; hours: Window[][] }) => [r.id, r.hours]))
    for (const p of planned) {
      const windows = hours.get(p.id)?.[weekday] ?? []
      expect(
        windows.some((w) => p.start >= w.open && p.start <= w.close),
        `${p.id} starts at ${p.start}, open ${JSON.stringify(windows)}`,
      ).toBe(true)
    }
    // One numbered marker per stop.
    // (the sketch draws once the plan's customers and start point are read, which may follow the stops)
    await expect
      .poll(() => page.getByTestId('sketch-stop').count(), { timeout: 10_000 })
      .toBe(await stops.count())
    const first = stops.first()
    expect(await first.getByRole('link', { name: /在地图应用中打开/ }).getAttribute('href')).toMatch(
      /^geo:-?\d/,
    )
    expect(await first.getByRole('link', { name: /在高德地图中打开/ }).getAttribute('href')).toMatch(
      /^https:\/\/uri\.amap\.com\/marker\?position=/,
    )
    expect(await first.getByRole('link', { name: /^开始拜访/ }).getAttribute('href')).toBe(
      `/visit/${planned[0]!.id}`,
    )
    await first.locator('details.why summary').click()
    expect(await axeViolations(page)).toEqual([])
  })

  it('ticks a visited stop off in place, marks a stop done and re-plans from here while offline; the plan reaches the server after reconnect', async () => {
    const stops = page.getByTestId('stop')
    await expect.poll(() => stops.count(), { timeout: 30_000 }).toBeGreaterThan(1)
    // A visit recorded at the second stop ticks it off where it is: no stop vanishes or moves.
    const order = () => stops.evaluateAll((els) => els.map((e) => e.getAttribute('data-customer-id')))
    const before = await order()
    await stops
      .nth(1)
      .getByRole('link', { name: /^开始拜访/ })
      .click()
    await page.getByRole('button', { name: '签到' }).click()
    await page.getByLabel('拜访目的').selectOption('routine')
    await page.getByLabel('拜访记录').fill('例行拜访，货架整齐')
    await page.getByLabel('拜访结果').selectOption('no_need')
    await page.getByRole('button', { name: '签退并保存' }).click()
    await expect.poll(() => page.getByTestId('visit-saved').count(), { timeout: 15_000 }).toBe(1)
    await page.getByRole('navigation').getByRole('link', { name: '今日', exact: true }).click()
    const second = page.locator(`[data-testid="stop"][data-customer-id="${before[1]}"]`)
    await expect.poll(async () => (await second.textContent()) ?? '', { timeout: 10_000 }).toContain('已拜访')
    // Settled again after the visit's re-analysis: still the same stops in the same order.
    await page.waitForTimeout(3000)
    expect(await order()).toEqual(before)
    await browser.context.setOffline(true)
    const firstId = (await stops.first().getAttribute('data-customer-id'))!
    const first = page.locator(`[data-testid="stop"][data-customer-id="${firstId}"]`)
    await first.getByRole('button', { name: /标记为已拜访/ }).click()
    await expect.poll(async () => (await first.textContent()) ?? '', { timeout: 10_000 }).toContain('已拜访')
    await page.getByRole('button', { name: '从当前位置重新规划' }).click()
    // Geolocation is not granted here, so the re-plan starts from the last visited stop.
    await expect
      .poll(async () => (await page.getByTestId('today-note').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/已于 \d\d:\d\d 从.+重新规划/)
    // The done stop stays first; the rest is planned after it.
    expect(await stops.first().getAttribute('data-customer-id')).toBe(firstId)
    const others = await stops.evaluateAll((els) =>
      els.slice(1).map((e) => e.getAttribute('data-customer-id')),
    )
    expect(others).not.toContain(firstId)

    await browser.context.setOffline(false)
    await expect
      .poll(
        async () => {
          const { rows } = await server.db.pool.query(
            `SELECT doc->'stops' AS stops, doc->>'startedAt' AS started FROM day_plans WHERE doc->>'repId' = $1`,
            [repId],
          )
          const saved = (rows[0]?.stops ?? []) as { customerId: string; status: string }[]
          return `${rows[0]?.started ? 'started' : 'not started'}, ${saved.find((s) => s.customerId === firstId)?.status ?? 'missing'}`
        },
        { timeout: 30_000 },
      )
      .toBe('started, done')
  })
})

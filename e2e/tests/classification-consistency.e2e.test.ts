import { segmentLabel } from '@outrider/domain'
import { login } from '@outrider/sync-server/testing'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { DEMO_PASSWORD, submitSignIn } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>
type Class = { tier: string; segment: string; score: number }
const REP = 'u-rep-1'

/** Signs a seeded demo user in on a fresh page and opens `path`; returns once the socket is up. */
async function signIn(profile: Profile, url: string, email: string, path: string): Promise<Page> {
  const page = await profile.context.newPage()
  await page.goto(`${url}${path}`)
  await submitSignIn(page, { email, password: DEMO_PASSWORD })
  await page.getByTestId('connection').filter({ hasText: '在线' }).waitFor({ timeout: 60_000 })
  return page
}

/** The tier, segment and score a list row shows for one customer (searched by name so it is on screen). */
async function shownClass(page: Page, search: Locator, row: string, c: { id: string; name: string }) {
  await search.fill(c.name)
  const el = page.locator(`[data-testid="${row}"][data-customer-id="${c.id}"]`)
  await expect
    .poll(() => el.getAttribute('data-score', { timeout: 30_000 }), { timeout: 60_000 })
    .toMatch(/^\d+$/)
  const tier = (await el.getAttribute('data-tier')) ?? ''
  const segment = (await el.getAttribute('data-segment')) ?? ''
  const score = Number(await el.getAttribute('data-score'))
  // What the attributes say is what the row shows.
  const text = (await el.textContent()) ?? ''
  expect(text).toContain(String(score))
  if (segment !== 'none') expect(text).toContain(segmentLabel(segment).zh)
  return { tier, segment, score }
}

/** segments.csv (English) as the supervisor downloads it: customer id → tier, segment label, score. */
async function exported(url: string): Promise<Map<string, { tier: string; segment: string; score: number }>> {
  const { accessToken } = await login(url, 'sup1@outrider.demo', DEMO_PASSWORD)
  const res = await fetch(`${url}/api/export/segments.csv?lang=en`, {
    headers: { authorization: `Bearer ${accessToken}` },
  })
  expect(res.status).toBe(200)
  const lines = (await res.text())
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1)
  return new Map(
    lines.map((l) => {
      const f = l.split(',')
      return [f[0] ?? '', { tier: f[3] ?? '', segment: f[4] ?? '', score: Number(f[6]) }]
    }),
  )
}

const asExported = (c: Class) => ({
  tier: c.tier,
  segment: c.segment === 'none' ? '' : segmentLabel(c.segment).en,
  score: c.score,
})

describe('one classification: the rep’s phone, the supervisor’s screens and segments.csv agree', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let phone: Profile
  let desk: Profile
  let repPage: Page
  let supList: Page
  let supManage: Page
  let customers: { id: string; name: string; lat: number; lng: number }[]

  beforeAll(async () => {
    // The population thresholds exist before devices sign in, as the running server makes them at start.
    server = await startE2eServer({ customers: 40 })
    const { rows } = await server.db.pool.query(
      `SELECT c.id, c.doc->>'name' AS name, (c.doc->'location'->>'lat')::float AS lat,
              (c.doc->'location'->>'lng')::float AS lng
         FROM customers c WHERE c.owner_rep_id = $1 AND NOT c.deleted ORDER BY c.id`,
      [REP],
    )
    customers = rows
    const email = (await server.db.pool.query('SELECT email FROM users WHERE id = $1', [REP])).rows[0].email
    ;[phone, desk] = await Promise.all([
      launchProfile(),
      launchProfile({ viewport: { width: 1280, height: 900 } }),
    ])
    repPage = await signIn(phone, server.url, email, '/customers')
    supList = await signIn(desk, server.url, 'sup1@outrider.demo', '/customers')
    supManage = await desk.context.newPage()
    await supManage.goto(`${server.url}/manage`)
  }, 240_000)
  afterAll(async () => {
    await phone?.close()
    await desk?.close()
    await server?.stop()
  })

  /** Every customer of the rep as the phone, the supervisor's list, Manage and the export show them. */
  async function everyScreen(only = customers) {
    const phoneSearch = repPage.getByRole('searchbox')
    const listSearch = supList.getByRole('searchbox')
    const manageSearch = supManage.getByRole('searchbox', { name: '搜索客户' })
    const csv = await exported(server.url)
    const out: { id: string; phone: Class; list: Class; manage: Class; csv: unknown }[] = []
    for (const c of only) {
      out.push({
        id: c.id,
        phone: await shownClass(repPage, phoneSearch, 'customer-row', c),
        list: await shownClass(supList, listSearch, 'customer-row', c),
        manage: await shownClass(supManage, manageSearch, 'assign-row', c),
        csv: csv.get(c.id),
      })
    }
    return out
  }

  it('every customer of the rep has the same tier, segment and score everywhere, against the server’s thresholds', async () => {
    expect(customers.length).toBeGreaterThan(3)
    for (const page of [repPage, supList, supManage]) {
      await expect
        .poll(() => page.getByTestId('classified-against').getAttribute('data-source', { timeout: 60_000 }), {
          timeout: 60_000,
        })
        .toBe('server')
    }
    for (const seen of await everyScreen()) {
      expect(seen.list, seen.id).toEqual(seen.phone)
      expect(seen.manage, seen.id).toEqual(seen.phone)
      expect(seen.csv, seen.id).toEqual(asExported(seen.phone))
    }
  })

  it('an order recorded offline moves the customer on the phone at once, and everywhere once synced', async () => {
    const phoneSearch = repPage.getByRole('searchbox')
    // One search box: look the customers up one after another.
    const before: { c: (typeof customers)[number]; k: Class }[] = []
    for (const c of customers.slice(0, 4))
      before.push({ c, k: await shownClass(repPage, phoneSearch, 'customer-row', c) })
    const target = before.find((x) => x.k.tier !== 'A')?.c ?? customers[0]!
    const was = await shownClass(repPage, phoneSearch, 'customer-row', target)
    const ordersOf = async () =>
      (
        await server.db.pool.query('SELECT count(*)::int AS n FROM orders WHERE customer_id = $1', [
          target.id,
        ])
      ).rows[0].n as number
    const stored = await ordersOf()
    const { context } = phone
    await context.grantPermissions(['geolocation'], { origin: server.url })
    await context.setGeolocation({ latitude: target.lat + 0.0009, longitude: target.lng, accuracy: 15 })
    await repPage.goto(`${server.url}/visit/${target.id}`)
    await expect
      .poll(() => repPage.getByRole('button', { name: '添加产品' }).isEnabled(), { timeout: 60_000 })
      .toBe(true)

    await context.setOffline(true)
    await repPage.getByRole('button', { name: '签到' }).click()
    await repPage.getByLabel('拜访目的').selectOption('sales')
    await repPage.getByLabel('拜访记录').fill('大单补货')
    await repPage.getByLabel('拜访结果').selectOption('ordered')
    await repPage.getByRole('button', { name: '添加产品' }).click()
    const line = repPage.getByTestId('order-line').first()
    await line.getByLabel('产品').selectOption({ index: 1 })
    await line.getByLabel('数量').fill('5000')
    await repPage.getByRole('radio', { name: '5 分（满分 5）' }).check()
    await repPage.getByRole('button', { name: '签退并保存' }).click()
    await expect.poll(() => repPage.getByTestId('visit-saved').count(), { timeout: 15_000 }).toBe(1)

    // Still offline: the customer list already shows the customer moved, against the same thresholds.
    await repPage.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click()
    await expect
      .poll(async () => (await shownClass(repPage, phoneSearch, 'customer-row', target)).tier, {
        timeout: 60_000,
      })
      .toBe('A')
    const now = await shownClass(repPage, phoneSearch, 'customer-row', target)
    expect(now.score).toBeGreaterThan(was.score)
    expect(await repPage.getByTestId('classified-against').getAttribute('data-source')).toBe('server')

    // Back online: the supervisor's screens and the export show what the phone showed offline.
    await context.setOffline(false)
    await expect.poll(ordersOf, { timeout: 60_000 }).toBe(stored + 1)
    await expect
      .poll(
        async () => (await shownClass(supList, supList.getByRole('searchbox'), 'customer-row', target)).tier,
        {
          timeout: 60_000,
        },
      )
      .toBe('A')
    const [seen] = await everyScreen([target])
    expect(seen?.phone).toEqual(now)
    expect(seen?.list).toEqual(now)
    expect(seen?.manage).toEqual(now)
    expect(seen?.csv).toEqual(asExported(now))
  })
})

import { searchKeysFor } from '@outrider/domain'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn as signInOn } from '../support/sign-in.ts'

type Row = { id: string; name: string }

/**
 * Runs before the app's scripts in every document of the page: RxDB's IndexedDB databases
 * (`rxdb-dexie-*`) do not open until the test calls `window.__openDb()`, so the test sees exactly
 * what the app shows while its local database is still opening (on a slow phone, for a while).
 */
function holdLocalDatabase() {
  const w = window as unknown as { __openDb: () => void; __dbOpensHeld: number }
  const realOpen = IDBFactory.prototype.open
  let release!: () => void
  const released = new Promise<void>((r) => {
    release = r
  })
  w.__openDb = () => release()
  w.__dbOpensHeld = 0
  IDBFactory.prototype.open = function open(this: IDBFactory, name: string, version?: number) {
    if (!name.startsWith('rxdb-')) return realOpen.call(this, name, version)
    w.__dbOpensHeld++
    const held = new EventTarget() as EventTarget & Record<string, unknown>
    let real: IDBOpenDBRequest | null = null
    for (const key of ['result', 'error', 'transaction', 'source'])
      Object.defineProperty(held, key, { get: () => (real ? real[key as keyof IDBOpenDBRequest] : null) })
    Object.defineProperty(held, 'readyState', { get: () => real?.readyState ?? 'pending' })
    void released.then(() => {
      real = realOpen.call(this, name, version)
      for (const type of ['success', 'error', 'upgradeneeded', 'blocked'])
        real.addEventListener(type, (e) => {
          const handler = held[`on${type}`]
          if (typeof handler === 'function') handler.call(held, e)
        })
    })
    return held as unknown as IDBOpenDBRequest
  }
}

/** The user ids that have a customer-list snapshot on this device, with their row counts. */
function snapshots(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((k) => k.startsWith('outrider.listSnapshot.'))
        .map((k) => {
          const s = JSON.parse(localStorage.getItem(k) ?? '{}') as { userId: string; rows: unknown[] }
          return [s.userId, s.rows.length]
        }),
    ),
  )
}

describe('the customer list shows from its start-up snapshot before the local database opens', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let browser: Awaited<ReturnType<typeof launchProfile>>
  let page: Page
  const reps: { email: string; password: string; id: string; customers: Row[] }[] = []

  async function signIn(rep: (typeof reps)[number]) {
    await signInOn(page, `${server.url}/customers`, rep, 'submitted')
    await page
      .getByTestId('customer-count')
      .filter({ hasText: `共 ${rep.customers.length} 位客户` })
      .waitFor({ timeout: 60_000 })
    // The snapshot is written in the background once the list has settled.
    await expect
      .poll(async () => (await snapshots(page))[rep.id], { timeout: 30_000 })
      .toBe(rep.customers.length)
  }

  /** A cold start offline with the local database held closed. */
  async function coldStartHeld() {
    const p = await browser.context.newPage()
    await p.addInitScript(holdLocalDatabase)
    await p.goto(`${server.url}/customers`)
    return p
  }

  beforeAll(async () => {
    server = await startE2eServer({ customers: 120 })
    browser = await launchProfile()
    for (const login of server.logins.filter((l) => l.role === 'rep').slice(0, 2)) {
      const { rows } = await server.db.pool.query(
        `SELECT c.id, c.doc->>'name' AS name, u.id AS rep
           FROM customers c JOIN users u ON u.id = c.owner_rep_id WHERE u.email = $1 ORDER BY c.id`,
        [login.email],
      )
      reps.push({ email: login.email, password: login.password, id: rows[0].rep, customers: rows })
    }
    page = await browser.context.newPage()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('offline, before the database opens: the full list, searchable; a tapped row opens once it is ready', async () => {
    const [a] = reps
    await signIn(a!)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    })
    await browser.context.setOffline(true)
    const p = await coldStartHeld()
    try {
      await p
        .getByTestId('customer-count')
        .filter({ hasText: `共 ${a!.customers.length} 位客户` })
        .waitFor({ timeout: 30_000 })
      // The app has asked for its database, which stays closed: these rows are the snapshot.
      await expect
        .poll(() => p.evaluate(() => (window as unknown as { __dbOpensHeld: number }).__dbOpensHeld), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0)
      expect(await p.evaluate(() => performance.getEntriesByName('outrider:db-open').length)).toBe(0)
      expect(await p.getByTestId('customer-count').textContent()).toContain(
        `共 ${a!.customers.length} 位客户`,
      )
      const shown = await p
        .getByTestId('customer-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer-id')))
      expect(shown.length).toBeGreaterThan(0)
      expect(a!.customers.map((c) => c.id)).toEqual(expect.arrayContaining(shown))

      const target = a!.customers.find((c) => /[\u4e00-\u9fff]{3,}/.test(c.name))!
      await p.getByRole('searchbox', { name: /搜索名称/ }).fill(searchKeysFor(target.name).at(-1)!)
      await expect
        .poll(() => p.getByTestId('customer-row').allTextContents(), { timeout: 10_000 })
        .toEqual(expect.arrayContaining([expect.stringContaining(target.name)]))
      await p.locator(`[data-customer-id="${target.id}"] a`).click()
      await expect.poll(() => new URL(p.url()).pathname).toBe(`/customers/${target.id}`)
      await expect.poll(() => p.locator('#main').getByRole('status').textContent()).toBe('加载中…')

      await p.evaluate(() => (window as unknown as { __openDb: () => void }).__openDb())
      await expect
        .poll(() => p.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 })
        .toBe(target.name)
    } finally {
      await p.close()
      await browser.context.setOffline(false)
    }
  })

  it('opens in the order and with the badges the rep left it, and filters before anything is analysed', async () => {
    const [a] = reps
    const all = `共 ${a!.customers.length} 位客户`
    const rowIds = (p: Page) =>
      p.getByTestId('customer-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer-id')))
    const tierCount = async (p: Page, tier: string) => {
      await p.getByTestId('filter-tier').selectOption(tier)
      const el = p.getByTestId('customer-count')
      await el.filter({ hasNotText: all }).waitFor({ timeout: 10_000 })
      return Number(/共 (\d+) 位客户/.exec((await el.textContent()) ?? '')?.[1])
    }
    // Online, the live list once the worker has analysed it, and a snapshot that carries that analysis.
    await page.goto(`${server.url}/customers`)
    await page
      .getByTestId('customer-count')
      .filter({ hasText: all })
      .filter({ hasNotText: '正在分析' })
      .waitFor({
        timeout: 60_000,
      })
    await expect
      .poll(
        () =>
          page.evaluate((id) => {
            const s = JSON.parse(localStorage.getItem(`outrider.listSnapshot.${id}`) ?? '{"rows":[]}')
            return (s.rows as unknown[][]).filter((r) => r[9]).length
          }, a!.id),
        { timeout: 30_000 },
      )
      .toBe(a!.customers.length)
    const liveTop = (await rowIds(page)).slice(0, 8)
    await page.getByText('筛选', { exact: true }).click()
    const liveTierA = await tierCount(page, 'A')
    expect(liveTierA).toBeGreaterThan(0)
    await page.getByTestId('filter-tier').selectOption('')

    await browser.context.setOffline(true)
    const p = await coldStartHeld()
    try {
      await p.getByTestId('customer-count').filter({ hasText: all }).waitFor({ timeout: 30_000 })
      // Nothing has been analysed on this start (the database is held closed), yet the rows come in the
      // ranked order the rep last saw, with their tier badges.
      expect(await p.evaluate(() => performance.getEntriesByName('outrider:db-open').length)).toBe(0)
      expect((await rowIds(p)).slice(0, 8)).toEqual(liveTop)
      expect(await p.locator('.crow .badge.tier-A, .crow .badge.tier-B, .crow .badge.tier-C').count()).toBe(
        await p.getByTestId('customer-row').count(),
      )
      await p.getByText('筛选', { exact: true }).click()
      expect(await tierCount(p, 'A')).toBe(liveTierA)
      expect(await p.locator('.crow .badge.tier-A').count()).toBe(await p.getByTestId('customer-row').count())
    } finally {
      await p.close()
      await browser.context.setOffline(false)
    }
  })

  it('is per user: another rep on the same phone sees only their own list', async () => {
    const [a, b] = reps
    // A's session is gone (as when it is refused) and B signs in on the same phone.
    await page.evaluate(() => {
      localStorage.removeItem('outrider.session')
      localStorage.removeItem('outrider.lastUser')
    })
    await signIn(b!)
    expect(Object.keys(await snapshots(page)).sort()).toEqual([a!.id, b!.id].sort())

    await browser.context.setOffline(true)
    const p = await coldStartHeld()
    try {
      await p
        .getByTestId('customer-count')
        .filter({ hasText: `共 ${b!.customers.length} 位客户` })
        .waitFor({ timeout: 30_000 })
      expect(await p.evaluate(() => performance.getEntriesByName('outrider:db-open').length)).toBe(0)
      const shown = await p
        .getByTestId('customer-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer-id')))
      expect(shown.length).toBeGreaterThan(0)
      expect(b!.customers.map((c) => c.id)).toEqual(expect.arrayContaining(shown))
    } finally {
      await p.close()
      await browser.context.setOffline(false)
    }
  })

  it('sign-out drops every snapshot on the phone', async () => {
    await page.goto(`${server.url}/settings`)
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByLabel('邮箱').waitFor({ timeout: 30_000 })
    expect(await snapshots(page)).toEqual({})
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn } from '../support/sign-in.ts'

describe('walking skeleton: phone → websocket → Postgres and back, offline', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let browser: Awaited<ReturnType<typeof launchProfile>>

  beforeAll(async () => {
    server = await startE2eServer({ customers: 400 })
    browser = await launchProfile()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('a rep signs in, gets only their customers, and still sees them after an offline reload', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      'SELECT count(*)::int AS n, min(c.name) AS some FROM customers c JOIN users u ON u.id = c.owner_rep_id WHERE u.email = $1',
      [rep.email],
    )
    const mine = rows[0].n as number
    const { rows: all } = await server.db.pool.query('SELECT count(*)::int AS n FROM customers')
    expect(mine).toBeGreaterThan(0)
    expect(mine).toBeLessThan(all[0].n)

    const page = await browser.context.newPage()
    await signIn(page, server.url, rep, 'submitted')
    const count = page.getByTestId('customer-count')
    await expect
      .poll(async () => (await count.textContent()) ?? '', { timeout: 60_000 })
      .toContain(`共 ${mine} 位客户`)

    // The service worker controls the page (clientsClaim), so the next load can come from its cache.
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
      .toBe(true)

    await browser.context.setOffline(true)
    await page.reload()
    await expect
      .poll(async () => (await page.getByTestId('customer-count').textContent()) ?? '', { timeout: 30_000 })
      .toContain(`共 ${mine} 位客户`)
    await expect.poll(async () => page.getByTestId('connection').textContent()).toBe('离线')
    // A deep link also opens offline.
    await page.goto(`${server.url}/customers?from=deeplink`)
    await expect
      .poll(async () => (await page.getByTestId('customer-count').textContent()) ?? '', { timeout: 30_000 })
      .toContain(`共 ${mine} 位客户`)
    await browser.context.setOffline(false)
  })

  it('is installable: Chromium reports no installability errors', async () => {
    const page = await browser.context.newPage()
    await page.goto(server.url)
    await page.waitForLoadState('networkidle')
    const cdp = await browser.context.newCDPSession(page)
    const result = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[]
    }
    expect(result.installabilityErrors.map((e) => e.errorId)).toEqual([])
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json()
    expect(manifest.display).toBe('standalone')
    expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(
      expect.arrayContaining(['192x192', '512x512']),
    )
    expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true)
  })
})

import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildApp, loadConfig, seedIfEmpty } from '@outrider/sync-server'
import { freshPostgres } from '@outrider/sync-server/testing'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumPath } from '../support/browser.ts'
import { signIn } from '../support/sign-in.ts'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

/**
 * The real server, but serving a private copy of the built app, so the test can "deploy" a new
 * version by changing its sw.js (a rebuild would be too slow for a test).
 */
async function startServerOnCopy() {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'outrider-dist-'))
  cpSync(path.join(repo, 'packages/pwa/dist'), staticDir, { recursive: true })
  const tdb = await freshPostgres()
  const logins = (await seedIfEmpty(tdb.db, { customers: 40 })) ?? []
  const app = await buildApp({ config: { ...loadConfig({ LOG_LEVEL: 'warn' }), staticDir }, db: tdb.db })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    db: tdb.db,
    logins,
    url: `http://127.0.0.1:${port}`,
    deployNewVersion: () => appendFileSync(path.join(staticDir, 'sw.js'), `\n// new build ${Date.now()}\n`),
    async stop() {
      await app.close()
      await tdb.drop()
      rmSync(staticDir, { recursive: true, force: true })
    },
  }
}

/** A phone profile on a directory the test keeps, so the app can be killed and started again. */
function openProfile(dir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-quic',
    ],
    viewport: { width: 390, height: 780 },
    locale: 'zh-CN',
    serviceWorkers: 'allow',
  })
}

/** Drafts as the app stored them in the device store (IndexedDB), read from inside the page. */
function storedDrafts(page: Page, userId: string) {
  return page.evaluate(
    (name) =>
      new Promise<{ id: string; data: { notes?: string; satisfaction?: number | null } }[]>((resolve) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => {
          const db = req.result
          if (!db.objectStoreNames.contains('drafts')) return resolve([])
          const all = db.transaction('drafts').objectStore('drafts').getAll()
          all.onsuccess = () => {
            resolve(all.result)
            db.close()
          }
        }
        req.onerror = () => resolve([])
      }),
    `outrider-device-${userId}`,
  )
}

describe('drafts survive the app being killed and an update', () => {
  let server: Awaited<ReturnType<typeof startServerOnCopy>>
  let dir: string
  let context: BrowserContext | null = null
  let rep: { email: string; password: string; id: string }
  let customer: { id: string; name: string }
  let visitPage: Page

  beforeAll(async () => {
    server = await startServerOnCopy()
    dir = mkdtempSync(path.join(os.tmpdir(), 'outrider-chrome-'))
    const login = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, c.name, u.id AS rep_id FROM customers c JOIN users u ON u.id = c.owner_rep_id
       WHERE u.email = $1 ORDER BY c.id LIMIT 1`,
      [login.email],
    )
    rep = { email: login.email, password: login.password, id: rows[0].rep_id }
    customer = { id: rows[0].id, name: rows[0].name }
  })
  afterAll(async () => {
    await context?.close().catch(() => {})
    rmSync(dir, { recursive: true, force: true })
    await server?.stop()
  })

  const openVisit = async (page: Page) => {
    await page.goto(`${server.url}/visit/${customer.id}`)
    await expect
      .poll(async () => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 })
      .toContain(customer.name)
  }

  it('a half-filled visit comes back after the app is killed', async () => {
    context = await openProfile(dir)
    const page = await context.newPage()
    await signIn(page, server.url, rep, 'online')
    // The app is installed (its service worker controls the page) before the day starts.
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 })
      .toBe(true)
    await openVisit(page)
    expect(await page.getByTestId('draft-restored').count()).toBe(0)
    await page.getByLabel('拜访记录').fill('店主说下周再订货')
    await page.getByRole('radio', { name: '4 分（满分 5）' }).check()
    // The autosave lands in the device store within moments of typing.
    await expect
      .poll(async () => (await storedDrafts(page, rep.id)).map((d) => [d.data.notes, d.data.satisfaction]), {
        timeout: 10_000,
      })
      .toEqual([['店主说下周再订货', 4]])

    await context.close() // the app is killed: no chance to save anything more
    context = await openProfile(dir)
    const again = await context.newPage()
    await openVisit(again)
    await expect.poll(() => again.getByTestId('draft-restored').count(), { timeout: 15_000 }).toBe(1)
    expect(await again.getByLabel('拜访记录').inputValue()).toBe('店主说下周再订货')
    expect(await again.getByRole('radio', { name: '4 分（满分 5）' }).isChecked()).toBe(true)
    // A restored visit is finished deliberately: the outcome is chosen again, not carried over.
    expect(await again.getByLabel('拜访结果').inputValue()).toBe('')
    visitPage = again
  })

  it('an update offered while a visit form is open keeps the form and restores it after the reload', async () => {
    const page = visitPage
    await openVisit(page)
    await page.getByLabel('跟进事项').fill('下周回访')

    server.deployNewVersion()
    // What the browser does on its own on the next navigation or periodic check.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update())
    const banner = page.getByRole('alert').filter({ hasText: '新版本已就绪。' })
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1)
    // The offer does not touch the form.
    expect(await page.getByLabel('拜访记录').inputValue()).toBe('店主说下周再订货')
    expect(await page.getByLabel('跟进事项').inputValue()).toBe('下周回访')

    // Typed just before tapping reload, inside the autosave delay: saved before the reload anyway.
    await page.getByLabel('跟进事项').fill('下周回访，带样品')
    await Promise.all([
      page.waitForEvent('framenavigated', { timeout: 30_000 }),
      banner.getByRole('button', { name: '立即刷新' }).click(),
    ])
    await expect.poll(() => page.getByTestId('draft-restored').count(), { timeout: 30_000 }).toBe(1)
    expect(await page.getByLabel('拜访记录').inputValue()).toBe('店主说下周再订货')
    expect(await page.getByLabel('跟进事项').inputValue()).toBe('下周回访，带样品')
    expect(await banner.count()).toBe(0)
  })
})

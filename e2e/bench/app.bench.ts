// `pnpm bench:app [--only rep|supervisor]`, in headless Chromium:
// - rep: a returning rep with 2,000 customers opens the app offline with 4× CPU throttling; reports
//   cold start to an interactive customer list and the initial JS size. Baseline in the same run: the
//   same offline navigation's DOMContentLoaded (the shell alone).
// - supervisor: the demo supervisor (sup1, about 18,000 visits of their team) signs in on a fresh
//   device; reports the first sync (sign-in to every collection in sync), then how long review and the
//   dashboard take to show data once opened. Baseline in the same run: the same pulls, page by page,
//   by a bare websocket client (the server's share of the first sync).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { everyCollection } from '@outrider/domain'
import {
  buildApp,
  loadConfig,
  migrate,
  openDatabase,
  reassignCustomers,
  seedIfEmpty,
} from '@outrider/sync-server'
import { freshPostgres, login, TestDevice } from '@outrider/sync-server/testing'
import type { Page } from 'playwright-core'
import { launchProfile } from '../support/browser.ts'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const dist = path.join(repo, 'packages/pwa/dist')
const CUSTOMERS = 2000
const RUNS = 5

function initialJsKbGz(): number {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8')
  const files = new Set<string>()
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1]!)
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) files.add(m[1]!)
  let bytes = 0
  for (const f of files) bytes += gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length
  return Math.round((bytes / 1024) * 10) / 10
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const only = (() => {
  const i = process.argv.indexOf('--only')
  const v = i >= 0 ? process.argv[i + 1] : undefined
  if (v !== undefined && v !== 'rep' && v !== 'supervisor') throw new Error('--only rep|supervisor')
  return v
})()
/** The page size the PWA pulls with (store/sync/replication.ts). */
const PULL_PAGE = 300

async function freshDb() {
  if (process.env.DATABASE_URL) return freshPostgres()
  // No DATABASE_URL: an embedded Postgres in a temporary directory, removed at the end.
  const dir = mkdtempSync(path.join(tmpdir(), 'outrider-bench-app-'))
  const db = await openDatabase({ dataDir: dir })
  await migrate(db)
  const drop = async () => {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return { db, url: undefined, drop }
}

async function serve(db: Awaited<ReturnType<typeof freshDb>>['db']) {
  const config = { ...loadConfig({ LOG_LEVEL: 'warn' }), staticDir: dist }
  const app = await buildApp({ config, db })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` }
}

async function repPhase() {
  const tdb = await freshDb()
  const logins = (await seedIfEmpty(tdb.db, { customers: CUSTOMERS }))!
  const rep = logins.find((l) => l.role === 'rep')!
  // Give the first rep every customer, with all their history (as a big territory would).
  const { rows } = await tdb.db.pool.query('SELECT id, team_id FROM users WHERE email = $1', [rep.email])
  const repId = rows[0].id as string
  await tdb.db.tx(async (client) => {
    const { rows: all } = await client.query('SELECT id FROM customers')
    await reassignCustomers(
      client,
      all.map((r) => r.id as string),
      { id: repId, teamId: rows[0].team_id },
    )
  })
  const { app, url } = await serve(tdb.db)
  const browser = await launchProfile()
  try {
    const page = await browser.context.newPage()
    await page.goto(`${url}/customers`)
    await page.getByLabel('邮箱').fill(rep.email)
    await page.getByLabel('密码').fill(rep.password)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid=customer-count]')?.textContent?.includes(String(n)),
      CUSTOMERS,
      {
        timeout: 300_000,
      },
    )
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    })
    // Let the rest of the history finish replicating before the cold starts.
    await page.waitForTimeout(5000)
    await page.close()
    await browser.context.setOffline(true)

    const cold: number[] = []
    const shell: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const p = await browser.context.newPage()
      const cdp = await browser.context.newCDPSession(p)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
      await p.goto(`${url}/customers`, { waitUntil: 'commit' })
      await p.waitForFunction(
        (n) => {
          const count = document.querySelector('[data-testid=customer-count]')?.textContent ?? ''
          return (
            count.includes(String(n)) && document.querySelectorAll('[data-testid=customer-row]').length > 0
          )
        },
        CUSTOMERS,
        { timeout: 60_000, polling: 16 },
      )
      const t = await p.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
        const marks = Object.fromEntries(
          performance
            .getEntriesByType('mark')
            .map((m) => [m.name.replace('outrider:', ''), Math.round(m.startTime)]),
        )
        return { interactive: performance.now(), dcl: nav.domContentLoadedEventEnd, marks }
      })
      process.stdout.write(
        `run ${i + 1}: ${JSON.stringify(t.marks)} interactive ${Math.round(t.interactive)}\n`,
      )
      cold.push(Math.round(t.interactive))
      shell.push(Math.round(t.dcl))
      await p.close()
    }
    process.stdout.write(
      `cold starts (ms): ${cold.join(', ')}; shell DOMContentLoaded (ms): ${shell.join(', ')}\n`,
    )
    return {
      customers: CUSTOMERS,
      cpuThrottle: 4,
      runs: cold,
      coldStartOfflineMs: median(cold),
      baselineMs: median(shell),
    }
  } finally {
    await browser.close()
    await app.close()
    await tdb.drop()
  }
}

/** Opens a screen of the running app as its navigation would (no reload), and times its first data. */
async function openScreen(page: Page, pathname: string, shown: () => boolean) {
  const t0 = Date.now()
  await page.evaluate((to) => {
    history.pushState({}, '', to)
    dispatchEvent(new PopStateEvent('popstate'))
  }, pathname)
  await page.waitForFunction(shown, undefined, { timeout: 120_000, polling: 16 })
  return Date.now() - t0
}

async function supervisorPhase() {
  const tdb = await freshDb()
  const logins = (await seedIfEmpty(tdb.db))!
  const sup = logins.find((l) => l.email === 'sup1@outrider.demo')!
  const { rows } = await tdb.db.pool.query(
    'SELECT count(*)::int AS n FROM visits WHERE team_id = (SELECT team_id FROM users WHERE email = $1)',
    [sup.email],
  )
  const visits = rows[0].n as number
  const { app, url } = await serve(tdb.db)
  const browser = await launchProfile({ viewport: { width: 1280, height: 800 } })
  try {
    // Baseline: every collection pulled page by page over one socket, all collections at once.
    const t0 = Date.now()
    const { accessToken } = await login(url, sup.email, sup.password)
    const device = await TestDevice.connect(`${url.replace('http', 'ws')}/sync`, accessToken)
    const perCollection: Record<string, number> = {}
    await Promise.all(
      everyCollection().map(async ([name]) => {
        perCollection[name] = (await device.sync(name, PULL_PAGE)).size
      }),
    )
    const pulled = Object.values(perCollection).reduce((a, b) => a + b, 0)
    device.close()
    const baselineMs = Date.now() - t0

    const page = await browser.context.newPage()
    await page.goto(url)
    await page.getByLabel('邮箱').fill(sup.email)
    await page.getByLabel('密码').fill(sup.password)
    const t1 = Date.now()
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForFunction(() => performance.getEntriesByName('outrider:in-sync').length > 0, undefined, {
      timeout: 300_000,
      polling: 50,
    })
    const firstSyncMs = Date.now() - t1
    // Let the screens' own follow-up work (snapshot, classification) settle before opening others.
    await page.waitForTimeout(3000)
    const reviewMs = await openScreen(
      page,
      '/review',
      () => !!document.querySelector('[data-testid=visit-row]'),
    )
    const dashboardMs = await openScreen(
      page,
      '/dashboard',
      () =>
        !!document.querySelector('[data-testid=kpis]') &&
        !!document.querySelector('[data-testid=chart-visits] svg'),
    )
    process.stdout.write(`supervisor's documents: ${JSON.stringify(perCollection)}\n`)
    process.stdout.write(
      `supervisor: ${visits} visits of the team, ${pulled} documents; first sync ${firstSyncMs} ms (bare pulls ${baselineMs} ms); review ${reviewMs} ms, dashboard ${dashboardMs} ms\n`,
    )
    return { teamVisits: visits, documents: pulled, firstSyncMs, baselineMs, reviewMs, dashboardMs }
  } finally {
    await browser.close()
    await app.close()
    await tdb.drop()
  }
}

const rep = only === 'supervisor' ? undefined : await repPhase()
const supervisor = only === 'rep' ? undefined : await supervisorPhase()
process.stdout.write(
  `${JSON.stringify({ bench: 'app', initialJsKbGz: initialJsKbGz(), ...rep, ...(supervisor ? { supervisor } : {}) })}\n`,
)

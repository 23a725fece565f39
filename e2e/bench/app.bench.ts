// `pnpm bench:app`: a returning rep with 2,000 customers opens the app offline, in headless Chromium
// with 4× CPU throttling; reports cold start to an interactive customer list and the initial JS size.
// Baseline in the same run: the same offline navigation's DOMContentLoaded (the shell alone).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import {
  buildApp,
  loadConfig,
  migrate,
  openDatabase,
  reassignCustomers,
  seedIfEmpty,
} from '@outrider/sync-server'
import { freshPostgres } from '@outrider/sync-server/testing'
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

async function main() {
  const tdb = process.env.DATABASE_URL
    ? await freshPostgres()
    : await (async () => {
        // No DATABASE_URL: an embedded Postgres in a temporary directory, removed at the end.
        const dir = mkdtempSync(path.join(tmpdir(), 'outrider-bench-app-'))
        const db = await openDatabase({ dataDir: dir })
        await migrate(db)
        const drop = async () => {
          await db.close()
          rmSync(dir, { recursive: true, force: true })
        }
        return { db, url: undefined, drop }
      })()
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
  const config = { ...loadConfig({ LOG_LEVEL: 'warn' }), staticDir: dist }
  const app = await buildApp({ config, db: tdb.db })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
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
    const result = {
      bench: 'app',
      customers: CUSTOMERS,
      cpuThrottle: 4,
      runs: cold,
      coldStartOfflineMs: median(cold),
      baselineMs: median(shell),
      initialJsKbGz: initialJsKbGz(),
    }
    process.stdout.write(
      `cold starts (ms): ${cold.join(', ')}; shell DOMContentLoaded (ms): ${shell.join(', ')}\n`,
    )
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    await browser.close()
    await app.close()
    await tdb.drop()
  }
}

await main()

import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { pinPhoneClock } from '../support/clock.ts'
import { latinWords, layoutProblems, settled } from '../support/layout.ts'
import { startE2eServer } from '../support/server.ts'
import { submitSignIn, waitForShell } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>
/**
 * `route` is the screen's line in packages/pwa/src/app/routes.tsx; `ready`: what must be on screen
 * before it is checked; `open`: a control clicked first (a detail panel is a screen of its own).
 */
type Screen = {
  route: string
  path: string
  heading: string
  ready?: string | string[]
  /** Clicked once the screen is ready; `shows` is then waited for before the checks. */
  open?: string
  shows?: string
}

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
// Screenshots are for people to look at after a run (git-ignored: they change with every layout tweak).
const shots = path.join(repo, 'e2e/screenshots')

/**
 * Latin-letter words a Chinese screen may show: units, abbreviations Chinese users read as they are
 * (RFM and its R, F, M scores, file and text encodings), a language's own name in the language picker,
 * and the app's name. Everything else in Latin letters must be data people typed (names, e-mail
 * addresses, product codes), passed separately.
 */
const ALLOWED_WORDS = new Set([
  ...['km', 'm', 'kg', 'g', 'ml', 'L', 'KB', 'MB', 'GB'],
  ...['RFM', 'R', 'F', 'M', 'CSV', 'GPS', 'UTF-8', 'UTF-16', 'GBK'],
  ...['English', 'Outrider'],
])

/** A customer row with its tier badge: the list's analysis has come in. */
const ANALYSED_ROW = '[data-testid=customer-row] .badge[class*="tier-"]'

/** Every path in the routes table: a screen added there and missing here fails the sweep. */
function routePaths(): string[] {
  const source = readFileSync(path.join(repo, 'packages/pwa/src/app/routes.tsx'), 'utf8')
  return [...source.matchAll(/path: '([^']+)'/g)].map((m) => m[1]!)
}

/**
 * In Chinese, every rep screen on a 360 px phone and every supervisor screen on a 1280 px desktop,
 * with the demo data loaded: no word in Latin letters but names, units and data (an untranslated key
 * or a stored code like `follow_up` fails), no sideways scrolling, no clipped or squeezed text, no
 * overlapping controls. A screenshot of each goes to e2e/screenshots/.
 */
describe('Chinese screens are Chinese throughout and laid out without breakage', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let allowedData: string[] = []
  let allowedTokens = new Set<string>()
  const profiles: Profile[] = []
  const covered = new Set<string>()

  beforeAll(async () => {
    server = await startE2eServer({ customers: 120 })
    mkdirSync(shots, { recursive: true })
    const { rows } = await server.db.pool.query<{ s: string }>(
      `SELECT DISTINCT s FROM (
         SELECT v #>> '{}' AS s FROM (SELECT doc FROM customers UNION ALL SELECT doc FROM contacts
           UNION ALL SELECT doc FROM products UNION ALL SELECT doc FROM teams UNION ALL SELECT doc FROM users) d,
           jsonb_path_query(d.doc, 'strict $.**') v WHERE jsonb_typeof(v) = 'string') x
        WHERE s ~ '[A-Za-z]' AND length(s) > 1`,
    )
    // Data in Latin letters (e-mail addresses, WeChat ids, product codes) may be shown as it is; but
    // not a stored code (a status, an outcome), which reads as a word.
    allowedData = rows.map((r) => r.s).filter((s) => !/^[a-z]+(_[a-z]+)*$/.test(s))
    allowedData.sort((a, b) => b.length - a.length)
    const tiers = await server.db.pool.query<{ k: string }>(
      `SELECT DISTINCT jsonb_object_keys(doc->'tiers') AS k FROM policies WHERE doc ? 'tiers'`,
    )
    // Tier names (A, B, C) are the organisation's own labels.
    allowedTokens = new Set([...ALLOWED_WORDS, ...tiers.rows.map((r) => r.k)])
  })
  afterAll(async () => {
    for (const p of profiles) await p.close()
    await server?.stop()
  })

  async function signIn(email: string, viewport: { width: number; height: number }, name: string) {
    const profile = await launchProfile({ locale: 'zh-CN', viewport })
    profiles.push(profile)
    // Today's plan (a screen swept here) depends on the hour: 10:00 in the organisation's zone has one.
    await pinPhoneClock(profile.context)
    const page = await profile.context.newPage()
    await page.goto(server.url)
    await page.locator('#login-title').waitFor({ timeout: 30_000 })
    const problems = await check(page, name)
    await submitSignIn(page, server.logins.find((l) => l.email === email)!)
    await waitForShell(page)
    return { page, problems }
  }

  async function check(page: Page, name: string): Promise<string[]> {
    await settled(page)
    await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
    const latin = (await latinWords(page, allowedData))
      .map((f) => ({ ...f, words: f.words.filter((w) => !allowedTokens.has(w)) }))
      .filter((f) => f.words.length > 0)
      .map((f) => `latin: ${f.words.join(' ')}  ← ${f.where}`)
    return [...latin, ...(await layoutProblems(page))]
  }

  async function sweep(page: Page, role: string, screens: Screen[]) {
    const found: Record<string, string[]> = {}
    for (const s of screens) covered.add(s.route)
    for (const s of screens) {
      await page.goto(`${server.url}${s.path}`)
      await page.locator(s.heading).waitFor({ timeout: 30_000 })
      for (const r of [s.ready ?? []].flat()) await page.locator(r).first().waitFor({ timeout: 30_000 })
      if (s.open) await page.locator(s.open).first().click()
      if (s.shows) await page.locator(s.shows).first().waitFor({ timeout: 60_000 })
      const name = `${role}-${s.route.replaceAll('/', '-').replaceAll(':', '')}${s.open ? '-open' : ''}`
      const problems = await check(page, name)
      if (problems.length > 0) found[name] = problems
    }
    return found
  }

  it('rep screens at 360 px', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, count(*) OVER ()::int AS n,
              (SELECT count(*) FROM visits v WHERE v.customer_id = c.id) AS visits
         FROM customers c JOIN users u ON u.id = c.owner_rep_id
        WHERE u.email = $1 ORDER BY visits DESC, c.id LIMIT 1`,
      [rep.email],
    )
    const { page, problems } = await signIn(rep.email, { width: 360, height: 740 }, 'rep-login')
    await page
      .getByTestId('customer-count')
      .filter({ hasText: `共 ${rows[0].n} 位客户` })
      .waitFor({ timeout: 60_000 })
    const id = rows[0].id
    const found = await sweep(page, 'rep', [
      { route: 'today', path: '/today', heading: '#today-title', ready: '[data-testid=stop]' },
      {
        route: 'customers',
        path: '/customers',
        heading: '#customers-title',
        ready: ANALYSED_ROW,
      },
      {
        route: 'customers/:id',
        path: `/customers/${id}`,
        heading: '#customer-title',
        ready: '[data-testid=timeline]',
      },
      { route: 'customers/new', path: '/customers/new', heading: '#new-prospect-title' },
      { route: 'visit/:customerId', path: `/visit/${id}`, heading: '#visit-title' },
      { route: 'tasks', path: '/tasks', heading: '#tasks-title' },
      { route: 'my-month', path: '/my-month', heading: '#my-month-title', ready: '[data-testid=my-month]' },
      { route: 'sync', path: '/sync', heading: '#sync-title', ready: '[data-testid=sync-pending]' },
      {
        route: 'settings',
        path: '/settings',
        heading: '#settings-title',
        ready: '[data-testid=storage-usage]',
      },
    ])
    expect({ ...(problems.length ? { 'rep-login': problems } : {}), ...found }).toEqual({})
  })

  it('supervisor screens at 1280 px', async () => {
    const sup = server.logins.find((l) => l.role === 'supervisor')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id FROM customers c JOIN users u ON u.team_id = c.team_id WHERE u.email = $1
        ORDER BY (SELECT count(*) FROM visits v WHERE v.customer_id = c.id) DESC, c.id LIMIT 1`,
      [sup.email],
    )
    const { page } = await signIn(sup.email, { width: 1280, height: 800 }, 'supervisor-login')
    const found = await sweep(page, 'supervisor', [
      { route: 'review', path: '/review', heading: '#review-title', ready: '[data-testid=visit-row]' },
      {
        route: 'review',
        path: '/review',
        heading: '#review-title',
        ready: '[data-testid=visit-row]',
        open: '[data-testid=visit-row] .row-button',
      },
      {
        route: 'dashboard',
        path: '/dashboard',
        heading: '#dashboard-title',
        ready: '[data-testid=chart-visits] svg',
      },
      {
        route: 'manage',
        path: '/manage',
        heading: '#manage-title',
        ready: ['[data-testid=assign-row]', '[data-testid=tier-shares]', '#rfm-title'],
      },
      { route: 'admin', path: '/admin', heading: '#admin-title', ready: '[data-testid=person-row]' },
      {
        route: 'complaints',
        path: '/complaints',
        heading: '#complaints-title',
        ready: '[data-testid=complaint]',
      },
      { route: 'import', path: '/import', heading: '#import-title' },
      {
        route: 'duplicates',
        path: '/duplicates',
        heading: '#duplicates-title',
        ready: '[data-testid=duplicates-found]',
      },
      {
        route: 'clusters',
        path: '/clusters',
        heading: '#clusters-title',
        ready: '[data-testid=clusters-run]:not([disabled])',
        open: '[data-testid=clusters-run]',
        shows: '[data-testid=clusters-table]',
      },
      {
        route: 'conflicts',
        path: '/conflicts',
        heading: '#conflicts-title',
        ready: '[data-testid=conflict-count]',
      },
      {
        route: 'customers',
        path: '/customers',
        heading: '#customers-title',
        ready: ANALYSED_ROW,
      },
      {
        route: 'customers/:id',
        path: `/customers/${rows[0].id}`,
        heading: '#customer-title',
        ready: '[data-testid=timeline]',
      },
      {
        route: 'settings',
        path: '/settings',
        heading: '#settings-title',
        ready: '[data-testid=storage-usage]',
      },
    ])
    expect(found).toEqual({})
  }, 300_000)

  it('admin screens at 1280 px', async () => {
    const admin = server.logins.find((l) => l.role === 'admin')!
    const { page } = await signIn(admin.email, { width: 1280, height: 800 }, 'admin-login')
    const found = await sweep(page, 'admin', [
      {
        route: 'admin',
        path: '/admin',
        heading: '#admin-title',
        ready: ['[data-testid=person-row]', '[data-testid=organisation-settings] form'],
      },
    ])
    expect(found).toEqual({})
  }, 120_000)

  it('covers every screen of the routes table', () => {
    expect(routePaths().filter((p) => !covered.has(p))).toEqual([])
  })
})

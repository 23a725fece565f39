import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn as signInOn } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>

/**
 * A rep checks in 2.3 km from the shop, outside its opening hours: before saving, the visit screen says
 * how far and that the shop is closed, and asks why; the supervisor's review shows the same two flags
 * with the rep's reason.
 */
describe('check-in that helps the rep', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  const profiles: Profile[] = []

  beforeAll(async () => {
    server = await startE2eServer({ customers: 40 })
  })
  afterAll(async () => {
    for (const p of profiles) await p.close()
    await server?.stop()
  })

  async function signIn(email: string, viewport?: { width: number; height: number }) {
    const profile = await launchProfile({ locale: 'zh-CN', ...(viewport ? { viewport } : {}) })
    profiles.push(profile)
    const page = await profile.context.newPage()
    await signInOn(page, server.url, server.logins.find((l) => l.email === email)!)
    return { page, profile }
  }

  it('warns of distance and closing time before saving, and the supervisor sees both with the reason', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, c.name, (c.doc->'location'->>'lat')::float AS lat, (c.doc->'location'->>'lng')::float AS lng,
              count(*) OVER ()::int AS n
         FROM customers c JOIN users u ON u.id = c.owner_rep_id
        WHERE u.email = $1 AND c.doc->'location' IS NOT NULL AND c.doc->'location' <> 'null'
        ORDER BY c.id LIMIT 1`,
      [rep.email],
    )
    const customer = rows[0] as { id: string; name: string; lat: number; lng: number }
    // Open one hour a day, at an hour that is not now (Shanghai time): the shop is closed at check-in.
    const now = new Date(Date.now() + 8 * 3600_000)
    const minute = now.getUTCHours() * 60 + now.getUTCMinutes()
    const open = (minute + 600) % 1380
    const day = [{ open, close: open + 60 }]
    await server.db.pool.query(
      `UPDATE customers SET doc = jsonb_set(doc, '{openingHours}', $2::jsonb) WHERE id = $1`,
      [customer.id, JSON.stringify([day, day, day, day, day, day, day])],
    )

    const { page, profile } = await signIn(rep.email)
    await page.getByTestId('customer-count').filter({ hasText: '位客户' }).waitFor({ timeout: 60_000 })
    await profile.context.grantPermissions(['geolocation'], { origin: server.url })
    // About 2.3 km north of the shop.
    await profile.context.setGeolocation({
      latitude: customer.lat + 0.0207,
      longitude: customer.lng,
      accuracy: 10,
    })
    await page.goto(`${server.url}/visit/${customer.id}`)
    await page.locator('#visit-title').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: '签到' }).click()

    const warnings = page.getByTestId('check-in-warnings')
    await warnings.waitFor({ timeout: 30_000 })
    await expect
      .poll(() => warnings.locator('[data-flag=far]').textContent())
      .toMatch(/2\.[234] 公里，超出允许的 300 米/)
    expect(await warnings.locator('[data-flag=closed]').textContent()).toContain('门店现在未营业')
    const reason = '客户临时搬到对面仓库，电话确认后前往'
    await page.getByLabel(/^原因/).fill(reason)
    await page.getByLabel('拜访结果').selectOption('interested')
    await page.getByRole('button', { name: '签退并保存' }).click()
    const stored = async () =>
      (
        await server.db.pool.query(
          `SELECT doc->>'id' AS id FROM visits WHERE customer_id = $1 AND doc->>'checkInReason' = $2`,
          [customer.id, reason],
        )
      ).rows.map((r) => r.id as string)
    await expect.poll(stored, { timeout: 60_000, interval: 500 }).toHaveLength(1)
    const [visitId] = await stored()

    const sup = server.logins.find((l) => l.role === 'supervisor')!
    const office = await signIn(sup.email, { width: 1280, height: 800 })
    await office.page.goto(`${server.url}/review?customer=${encodeURIComponent(customer.name)}&flaggedOnly=1`)
    // The customer's older visits are flagged too now (the hours changed); this one is the rep's.
    const row = office.page.locator(`[data-testid=visit-row][data-visit-id="${visitId}"]`)
    await row.locator('[data-flag=closed]').waitFor({ timeout: 60_000 })
    await row.locator('.row-button').click()
    expect(await office.page.getByTestId('check-in-reason').textContent()).toBe(reason)
    const flags = office.page.locator('[data-testid=visit-detail] [data-flag]')
    await expect
      .poll(() => flags.evaluateAll((els) => els.map((e) => e.getAttribute('data-flag'))))
      .toEqual(expect.arrayContaining(['far', 'closed']))
  }, 180_000)
})

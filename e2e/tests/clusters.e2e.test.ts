import {
  activeServicePolicy,
  type ClusterModel,
  classifyCustomers,
  DEFAULT_TIME_ZONE,
  type ServicePolicy,
  todayIn,
} from '@outrider/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>

describe('clusters: the supervisor names them, the rep’s phone filters by them', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let phone: Profile
  let office: Profile

  /**
   * Opens `path` signed in and returns once the device's first sync has caught up (every collection
   * in sync), so the screens read the whole team's records. A profile that signed in during an
   * earlier attempt keeps its session: the screen opens at once.
   */
  const signIn = async (profile: Profile, email: string, password: string, path: string) => {
    const page = await profile.context.newPage()
    // One tab per profile: a second tab of the same app leaves the syncing to the first.
    for (const other of profile.context.pages()) if (other !== page) await other.close()
    await page.goto(`${server.url}${path}`)
    const login = page.getByLabel('邮箱')
    await login.or(page.getByTestId('connection')).first().waitFor({ timeout: 30_000 })
    if (await login.isVisible()) {
      await login.fill(email)
      await page.getByLabel('密码').fill(password)
      await page.getByRole('button', { name: '登录' }).click()
    }
    // The app marks the moment every collection's replication is in sync (see sync-tracker.ts).
    await page.waitForFunction(() => performance.getEntriesByName('outrider:in-sync').length > 0, undefined, {
      timeout: 120_000,
    })
    return page
  }

  beforeAll(async () => {
    server = await startE2eServer({ customers: 60 })
    phone = await launchProfile()
    office = await launchProfile({ viewport: { width: 1280, height: 900 } })
  })
  afterAll(async () => {
    await phone?.close()
    await office?.close()
    await server?.stop()
  })

  it('a supervisor runs clustering, names the clusters and saves; the rep’s phone filters its list by one', async () => {
    const supervisor = server.logins.find((l) => l.role === 'supervisor')!
    const db = server.db.pool
    const team = (await db.query('SELECT team_id FROM users WHERE email = $1', [supervisor.email])).rows[0]
      .team_id as string

    const page = await signIn(office, supervisor.email, supervisor.password, '/')
    await page.getByRole('navigation').getByRole('link', { name: '客户聚类', exact: true }).click()
    await page.getByTestId('clusters-run').click()
    const suggested = page.getByTestId('clusters-suggested')
    const failed = page.getByTestId('clusters-error')
    await suggested.or(failed).first().waitFor({ timeout: 60_000 })
    // A failed run says why: show it rather than a bare time-out.
    if (await failed.isVisible()) throw new Error(`clustering failed: ${await failed.textContent()}`)
    expect(await suggested.textContent()).toMatch(/建议：[2-8] 类/)
    await page.getByTestId('clusters-chart').waitFor()
    await page.getByTestId('clusters-k').selectOption('3')
    const table = page.getByTestId('clusters-table')
    await expect.poll(() => table.locator('tbody tr').count()).toBe(3)
    await page.getByLabel('第 1 类的名称（中文）').fill('高价值')
    await page.getByLabel('第 1 类的名称（英文）').fill('High value')
    await page.getByLabel('第 2 类的名称（中文）').fill('稳定')
    await page.getByLabel('第 3 类的名称（中文）').fill('沉睡')
    await page.getByTestId('clusters-save').click()
    await expect
      .poll(() => page.getByTestId('clusters-message').textContent(), { timeout: 15_000 })
      .toContain('已保存')
    const stored = (await db.query('SELECT doc FROM cluster_models WHERE team_id = $1', [team])).rows[0]
      ?.doc as ClusterModel
    expect(stored).toMatchObject({ k: 3, teamId: team })
    expect(stored.names.map((n) => n.zh)).toEqual(['高价值', '稳定', '沉睡'])

    // The team's rep with the most customers who bought.
    const rep = (
      await db.query<{ id: string; email: string }>(
        `SELECT u.id, u.email FROM users u JOIN orders o ON o.owner_rep_id = u.id
          WHERE u.team_id = $1 AND u.role = 'rep' GROUP BY u.id, u.email
          ORDER BY count(DISTINCT o.customer_id) DESC, u.id LIMIT 1`,
        [team],
      )
    ).rows[0]!
    const password = server.logins.find((l) => l.email === rep.email)!.password
    // What the domain's one assignment gives this rep's customers: the phone must show the same.
    const customers = (
      await db.query('SELECT doc FROM customers WHERE owner_rep_id = $1', [rep.id])
    ).rows.map((r) => r.doc)
    const orders = (await db.query('SELECT doc FROM orders WHERE owner_rep_id = $1', [rep.id])).rows.map(
      (r) => r.doc,
    )
    const policy = activeServicePolicy(
      (await db.query('SELECT doc FROM policies')).rows.map((r) => r.doc as ServicePolicy),
    )
    const classified = classifyCustomers(
      { customers, orders },
      policy,
      todayIn(policy.timeZone ?? DEFAULT_TIME_ZONE),
      { clusterModel: stored },
    )
    if (!classified.ok) throw new Error(classified.error.message)
    const live = new Map(
      customers
        .filter((c) => !c.deleted && c.mergedInto === undefined)
        .map((c) => [c.id as string, c.name as string]),
    )
    const byCluster = (i: number) =>
      classified.value.profiles
        .filter((p) => p.cluster === i && live.has(p.customerId))
        .map((p) => live.get(p.customerId)!)
        .sort()
    const cluster = [0, 1, 2].find((i) => byCluster(i).length > 0)!
    const expected = byCluster(cluster)
    expect(expected.length).toBeGreaterThan(0)

    const mobile = await signIn(phone, rep.email, password, '/customers')
    await mobile.getByText('筛选', { exact: true }).click()
    const filter = mobile.getByTestId('filter-cluster')
    await filter.waitFor({ timeout: 60_000 })
    const label = `#${cluster + 1} ${stored.names[cluster]!.zh}`
    await filter.selectOption({ label })
    const shown = async () =>
      (await mobile.getByTestId('customer-row').allTextContents()).map(
        (text) => [...live.values()].find((name) => text.includes(name)) ?? text,
      )
    await expect.poll(async () => (await shown()).sort(), { timeout: 30_000 }).toEqual(expected)
  }, 300_000)
})

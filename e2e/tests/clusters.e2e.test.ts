import {
  activeServicePolicy,
  type ClusterModel,
  classifyCustomers,
  DEFAULT_TIME_ZONE,
  type ServicePolicy,
  type TagRule,
  todayIn,
} from '@outrider/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { openSignedIn } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>

describe('clusters: the supervisor names them, rules and the rep’s phone keep them across re-clusterings', () => {
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
    await openSignedIn(page, `${server.url}${path}`, { email, password })
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

  /** Runs the clustering on the Clusters screen, at 3 clusters, and returns once the table shows them. */
  const runClustering = async (page: Awaited<ReturnType<typeof signIn>>) => {
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
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(3)
  }

  const saveClustering = async (page: Awaited<ReturnType<typeof signIn>>, team: string) => {
    await page.getByTestId('clusters-save').click()
    await expect
      .poll(() => page.getByTestId('clusters-message').first().textContent(), { timeout: 15_000 })
      .toContain('已保存')
    const rows = await server.db.pool.query('SELECT doc FROM cluster_models WHERE team_id = $1', [team])
    return rows.rows[0]?.doc as ClusterModel
  }

  it('a supervisor clusters, names and saves; a tag rule on a named cluster keeps its customers after a re-run and re-save; the rep’s phone filters by it', async () => {
    const supervisor = server.logins.find((l) => l.role === 'supervisor')!
    const db = server.db.pool
    const team = (await db.query('SELECT team_id FROM users WHERE email = $1', [supervisor.email])).rows[0]
      .team_id as string

    const page = await signIn(office, supervisor.email, supervisor.password, '/')
    await runClustering(page)
    await page.getByLabel('第 1 类的名称（中文）').fill('高价值')
    await page.getByLabel('第 1 类的名称（英文）').fill('High value')
    await page.getByLabel('第 2 类的名称（中文）').fill('稳定')
    await page.getByLabel('第 3 类的名称（中文）').fill('沉睡')
    const stored = await saveClustering(page, team)
    expect(stored).toMatchObject({ k: 3, teamId: team })
    expect(stored.names.map((n) => n.zh)).toEqual(['高价值', '稳定', '沉睡'])
    expect(new Set(stored.ids).size).toBe(3)

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
    const live = new Map(
      customers
        .filter((c) => !c.deleted && c.mergedInto === undefined)
        .map((c) => [c.id as string, c.name as string]),
    )
    const classify = (model: ClusterModel, tagRules: TagRule[] = []) => {
      const classified = classifyCustomers(
        { customers, orders, tagRules },
        policy,
        todayIn(policy.timeZone ?? DEFAULT_TIME_ZONE),
        { clusterModel: model },
      )
      if (!classified.ok) throw new Error(classified.error.message)
      return classified.value.profiles.filter((p) => live.has(p.customerId))
    }
    const names = (profiles: { customerId: string }[]) => profiles.map((p) => live.get(p.customerId)!).sort()
    const byCluster = (i: number) => names(classify(stored).filter((p) => p.cluster === i))
    const cluster = [0, 1, 2].find((i) => byCluster(i).length > 0)!
    const expected = byCluster(cluster)
    expect(expected.length).toBeGreaterThan(0)
    const label = `#${cluster + 1} ${stored.names[cluster]!.zh}`

    // A tag rule on that cluster, chosen by its name.
    await page.getByRole('navigation').getByRole('link', { name: '客户管理', exact: true }).click()
    await page.getByRole('button', { name: '新建标签规则' }).click()
    const form = page.locator('form.rule-form')
    await form.getByLabel('标签', { exact: true }).fill('cluster_pick')
    await form.getByLabel('中文名称').fill('聚类精选')
    await form.locator('li.condition select').first().selectOption({ label: '客户聚类' })
    await form.getByTestId('rule-cluster').selectOption({ label })
    await form.getByRole('button', { name: '保存规则' }).click()
    await page.getByText('规则已保存', { exact: false }).waitFor({ timeout: 15_000 })
    await expect
      .poll(() => page.getByTestId('rule-sentence').allTextContents(), { timeout: 15_000 })
      .toContain(`客户聚类 为 ${label}`)
    const rule = (await db.query(`SELECT doc FROM tag_rules WHERE doc->>'tag' = 'cluster_pick'`)).rows[0]
      ?.doc as TagRule
    expect(JSON.stringify(rule.rule)).toContain(JSON.stringify(stored.ids![cluster]))
    const tagged = (model: ClusterModel) =>
      names(classify(model, [rule]).filter((p) => p.tags.includes('cluster_pick')))
    expect(tagged(stored)).toEqual(expected)

    // The supervisor runs the clustering again and saves it without retyping a name: every group found
    // again keeps its id and name, so the rule still tags the same customers.
    await runClustering(page)
    await expect
      .poll(() => page.getByLabel('第 1 类的名称（中文）').inputValue(), { timeout: 15_000 })
      .toBe('高价值')
    const resaved = await saveClustering(page, team)
    expect(resaved.computedAt).not.toBe(stored.computedAt)
    expect(resaved.ids).toEqual(stored.ids)
    expect(resaved.names).toEqual(stored.names)
    expect(tagged(resaved)).toEqual(expected)

    const mobile = await signIn(phone, rep.email, password, '/customers')
    await mobile.getByText('筛选', { exact: true }).click()
    const shown = async () =>
      (await mobile.getByTestId('customer-row').allTextContents()).map(
        (text) => [...live.values()].find((name) => text.includes(name)) ?? text,
      )
    const filter = mobile.getByTestId('filter-cluster')
    await filter.waitFor({ timeout: 60_000 })
    await filter.selectOption({ label })
    await expect.poll(async () => (await shown()).sort(), { timeout: 30_000 }).toEqual(expected)
    // The rule's tag on the phone, the cluster filter then cleared (the filters stay open while one is
    // set): the same customers.
    await mobile.getByTestId('filter-tag').selectOption({ label: '聚类精选' }, { timeout: 30_000 })
    await filter.selectOption('')
    await expect.poll(async () => (await shown()).sort(), { timeout: 30_000 }).toEqual(expected)
  }, 400_000)
})

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signInAt } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>

/** A document of the signed-in user's local RxDB (Dexie storage), read straight from IndexedDB. */
function localDoc(page: Page, userId: string, collection: string, id: string) {
  // RxDB names each collection's database `<db>--<schema version>--<collection>`: the newest version is the live one.
  const prefix = `rxdb-dexie-outrider-${userId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}--`
  return page.evaluate(
    async ({ prefix, collection, id }) => {
      // Opening a database that does not exist yet would create an empty one under RxDB's feet.
      const versionOf = (n: string) => Number(n.slice(prefix.length).split('--')[0])
      const name = (await indexedDB.databases())
        .map((d) => d.name ?? '')
        .filter((n) => n.startsWith(prefix) && n.endsWith(`--${collection}`))
        .sort((a, b) => versionOf(b) - versionOf(a))[0]
      if (!name) return null
      return new Promise<Record<string, unknown> | null>((resolve) => {
        const req = indexedDB.open(name)
        req.onerror = () => resolve(null)
        req.onsuccess = () => {
          const db = req.result
          try {
            const get = db.transaction('docs', 'readonly').objectStore('docs').get(id)
            get.onsuccess = () => {
              db.close()
              resolve((get.result as Record<string, unknown> | undefined) ?? null)
            }
            get.onerror = () => {
              db.close()
              resolve(null)
            }
          } catch {
            db.close()
            resolve(null)
          }
        }
      })
    },
    { prefix, collection, id },
  )
}

/** Rows of the rep's customer list showing exactly this name (the list is searched first). */
async function rowsNamed(page: Page, name: string): Promise<number> {
  const search = page.getByRole('searchbox')
  if ((await search.inputValue()) !== name) await search.fill(name)
  return page.getByTestId('customer-row').filter({ hasText: name }).count()
}

describe('supervisor console: review, reassignment, policy and import reach the right devices', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let sup: Profile
  let repA: Profile
  let repB: Profile
  let supPage: Page
  // Signed in by the policy tests: only an admin changes the organisation's service policy.
  let admin: Profile | undefined
  let adminPage: Page
  let repAPage: Page
  let repBPage: Page
  let teamId: string

  beforeAll(async () => {
    server = await startE2eServer({ customers: 40 })
    ;[sup, repA, repB] = await Promise.all([
      launchProfile({ viewport: { width: 1280, height: 900 } }),
      launchProfile(),
      launchProfile(),
    ])
    ;[supPage, repAPage, repBPage] = await Promise.all([
      signInAt(sup, server.url, 'sup1@outrider.demo', '/review'),
      signInAt(repA, server.url, 'rep1@outrider.demo', '/customers'),
      signInAt(repB, server.url, 'rep2@outrider.demo', '/customers'),
    ])
    const { rows } = await server.db.pool.query<{ team_id: string }>(
      `SELECT team_id FROM users WHERE id = 'u-sup-1'`,
    )
    teamId = rows[0]!.team_id
  })
  afterAll(async () => {
    await Promise.all([sup?.close(), repA?.close(), repB?.close(), admin?.close()])
    await server?.stop()
  })

  /** The supervisor gives one customer (by its unique name) to another rep in the console. */
  async function reassign(name: string, repId: string) {
    await supPage.getByRole('link', { name: '客户管理', exact: true }).click()
    await supPage.getByRole('searchbox', { name: '搜索客户' }).fill(name)
    await supPage.getByRole('checkbox', { name: `选择 ${name}` }).check()
    await supPage.getByLabel('分配给业务员').selectOption(repId)
    await supPage.getByRole('button', { name: '分配所选客户' }).click()
    await expect.poll(() => supPage.getByText('已转移 1 位客户').count(), { timeout: 15_000 }).toBe(1)
    // The message may stay from an earlier move: the stored owner tells that this one is done.
    const owner = async () =>
      (await server.db.pool.query(`SELECT owner_rep_id FROM customers WHERE doc->>'name' = $1`, [name]))
        .rows[0]?.owner_rep_id
    await expect.poll(owner, { timeout: 15_000 }).toBe(repId)
  }

  it('review: the supervisor approves a visit and the rep’s device receives the approval', async () => {
    const { rows } = await server.db.pool.query<{ id: string; name: string }>(
      `SELECT v.id, c.doc->>'name' AS name FROM visits v JOIN customers c ON c.id = v.customer_id
        WHERE v.owner_rep_id = 'u-rep-1' AND v.id = v.revision_of AND v.review_status = 'pending'
          AND NOT EXISTS (SELECT 1 FROM visits r WHERE r.revision_of = v.id AND r.id <> v.id)
        ORDER BY v.check_in_at DESC LIMIT 1`,
    )
    const visit = rows[0]!
    await expect
      .poll(async () => (await supPage.getByTestId('visit-count').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/共 [1-9]\d* 次拜访/)
    await supPage.getByLabel('业务员').first().selectOption('u-rep-1')
    await supPage.getByRole('searchbox', { name: '客户', exact: true }).fill(visit.name)
    await supPage.locator(`[data-visit-id="${visit.id}"] button`).click()
    const detail = supPage.getByTestId('visit-detail')
    await expect.poll(() => detail.getByTestId('review-status').textContent()).toBe('未审核')
    await detail.getByRole('button', { name: '通过' }).click()
    await expect
      .poll(() => detail.getByRole('status').last().textContent(), { timeout: 15_000 })
      .toContain('已提交')
    // The supervisor sees the new status once it syncs back, and so does the rep's device.
    await expect
      .poll(() => detail.getByTestId('review-status').textContent(), { timeout: 30_000 })
      .toBe('已通过')
    await expect
      .poll(
        async () => {
          const doc = await localDoc(repAPage, 'u-rep-1', 'visits', visit.id)
          return (doc?.review as { status?: string } | undefined)?.status ?? null
        },
        { timeout: 30_000 },
      )
      .toBe('approved')
  })

  it('reassignment: a customer moves from rep A’s list to rep B’s', async () => {
    const { rows } = await server.db.pool.query<{ id: string; name: string }>(
      `SELECT c.id, c.doc->>'name' AS name FROM customers c
        WHERE c.owner_rep_id = 'u-rep-1'
          AND (SELECT count(*) FROM customers d WHERE d.doc->>'name' = c.doc->>'name') = 1
        ORDER BY c.id LIMIT 1`,
    )
    const customer = rows[0]!
    await expect.poll(() => rowsNamed(repAPage, customer.name), { timeout: 60_000 }).toBe(1)
    await expect.poll(() => rowsNamed(repBPage, customer.name), { timeout: 30_000 }).toBe(0)

    await reassign(customer.name, 'u-rep-2')

    await expect.poll(() => rowsNamed(repAPage, customer.name), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => rowsNamed(repBPage, customer.name), { timeout: 30_000 }).toBe(1)
  })

  it('reassignment while rep A edits offline: the customer leaves A’s phone, the refused edit is kept', async () => {
    const { rows } = await server.db.pool.query<{ id: string; name: string }>(
      `SELECT c.id, c.doc->>'name' AS name FROM customers c
        WHERE c.owner_rep_id = 'u-rep-1'
          AND (SELECT count(*) FROM customers d WHERE d.doc->>'name' = c.doc->>'name') = 1
        ORDER BY c.id DESC LIMIT 1`,
    )
    const customer = rows[0]!
    await expect.poll(() => rowsNamed(repAPage, customer.name), { timeout: 60_000 }).toBe(1)

    // Rep A, offline, changes the customer's notes.
    await repA.context.setOffline(true)
    const note = `A 离线修改 ${Date.now()}`
    await repAPage.getByTestId('customer-row').filter({ hasText: customer.name }).getByRole('link').click()
    await repAPage.getByRole('button', { name: '编辑', exact: true }).click()
    await repAPage.getByLabel('备注').fill(note)
    await repAPage.getByRole('button', { name: '保存修改' }).click()
    await repAPage.locator('#customer-title').waitFor()

    // Meanwhile the supervisor gives the customer to rep B.
    await reassign(customer.name, 'u-rep-2')

    // A reconnects: the edit is refused (the customer is not A's any more) and kept on the Sync screen;
    // the customer leaves A's list and reaches B's, without A's edit.
    await repA.context.setOffline(false)
    await repAPage.getByRole('navigation').getByRole('link', { name: '同步' }).click()
    const refused = repAPage.getByTestId('rejection').filter({ hasText: customer.name })
    await refused.waitFor({ timeout: 60_000 })
    expect(await refused.textContent()).toContain('无权限')
    await repAPage.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click()
    await expect.poll(() => rowsNamed(repAPage, customer.name), { timeout: 30_000 }).toBe(0)
    await expect.poll(() => rowsNamed(repBPage, customer.name), { timeout: 30_000 }).toBe(1)
    const { rows: stored } = await server.db.pool.query(
      `SELECT owner_rep_id, doc->>'notes' AS notes FROM customers WHERE id = $1`,
      [customer.id],
    )
    expect(stored[0]).toMatchObject({ owner_rep_id: 'u-rep-2' })
    expect(stored[0].notes).not.toBe(note)
  })

  it('policy: a supervisor sees the organisation’s policy read-only; an admin’s new tier A cadence reaches the rep’s device', async () => {
    // Still on the management screen from the reassignment (no reload: the team data stays loaded).
    if (!supPage.url().endsWith('/manage'))
      await supPage.getByRole('link', { name: '客户管理', exact: true }).click()
    const supCadence = supPage.getByTestId('policy-tier-A').getByLabel('拜访周期（天）')
    await supCadence.waitFor({ timeout: 30_000 })
    expect(await supCadence.isDisabled()).toBe(true)
    expect(await supPage.getByText('只有管理员可以修改').count()).toBe(1)

    if (!admin) {
      admin = await launchProfile({ viewport: { width: 1280, height: 900 } })
      adminPage = await signInAt(admin, server.url, 'admin@outrider.demo', '/manage')
    }
    const cadence = adminPage.getByTestId('policy-tier-A').getByLabel('拜访周期（天）')
    await cadence.waitFor({ timeout: 30_000 })
    const before = Number(await cadence.inputValue())
    const next = before === 5 ? 6 : 5
    await cadence.fill(String(next))
    await adminPage.getByRole('button', { name: '保存服务策略' }).click()
    await expect.poll(() => adminPage.getByText('服务策略已保存').count(), { timeout: 15_000 }).toBe(1)
    await expect
      .poll(
        async () => {
          const doc = await localDoc(repAPage, 'u-rep-1', 'reference', 'policies:policy-default')
          return (doc?.tiers as { A?: { visitEveryDays?: number } } | undefined)?.A?.visitEveryDays ?? null
        },
        { timeout: 30_000 },
      )
      .toBe(next)
  })

  it('policy: new tier shares and a segment visit cycle are stored and reach the rep’s device', async () => {
    type Stored = {
      updatedAt: string
      tierShares: { a: number; b: number }
      segmentOverrides: Record<string, unknown>
    }
    const stored = async () =>
      (await server.db.pool.query<{ doc: Stored }>(`SELECT doc FROM policies WHERE id = 'policy-default'`))
        .rows[0]!.doc
    const before = await stored()
    // The panel starts over whenever the synced policy changes: edit it once the admin's device
    // holds the stored version (the previous test has just saved one).
    await expect
      .poll(
        async () =>
          (await localDoc(adminPage, 'u-admin-1', 'reference', 'policies:policy-default'))?.updatedAt ?? null,
        { timeout: 30_000 },
      )
      .toBe(before.updatedAt)
    const panel = adminPage.getByRole('region', { name: '分级与评分' })
    const shareA = panel.getByLabel('A 类客户消费额占比（%）')
    await shareA.waitFor({ timeout: 30_000 })
    expect(await shareA.inputValue()).toBe(String(Math.round(before.tierShares.a * 10_000) / 100))
    const aPercent = before.tierShares.a === 0.7 ? 75 : 70
    await shareA.fill(String(aPercent))
    await panel.getByLabel('B 类客户消费额占比（%）').fill('20')
    expect(await panel.getByTestId('tier-c-share').textContent()).toBe(`C 类客户（其余）：${80 - aPercent}%`)

    // A segment without a visit cycle of its own gets one.
    const segment = ['general_develop', 'general_value', 'general_retain', 'general_winback'].find(
      (s) => !(s in before.segmentOverrides),
    )!
    await panel.getByRole('button', { name: '添加分群拜访周期' }).click()
    const row = panel.getByTestId('segment-override').last()
    await row.getByLabel('客户分群').selectOption(segment)
    await row.getByLabel('拜访周期（天）').fill('9')
    await panel.getByRole('button', { name: '保存分级与评分' }).click()
    await expect.poll(async () => (await stored()).updatedAt, { timeout: 15_000 }).not.toBe(before.updatedAt)
    // The confirmation outlasts the panel starting over with the saved policy once it syncs back.
    await expect
      .poll(() => panel.getByRole('status').textContent(), { timeout: 15_000 })
      .toBe('分级与评分已保存，业务员下次同步时生效。')
    const after = await stored()
    expect(after.tierShares).toEqual({ a: aPercent / 100, b: 0.2 })
    expect(after.segmentOverrides).toEqual({ ...before.segmentOverrides, [segment]: { visitEveryDays: 9 } })
    await expect
      .poll(
        async () => {
          const doc = await localDoc(repAPage, 'u-rep-1', 'reference', 'policies:policy-default')
          return doc ? { tierShares: doc.tierShares, segmentOverrides: doc.segmentOverrides } : null
        },
        { timeout: 30_000 },
      )
      .toEqual({ tierShares: after.tierShares, segmentOverrides: after.segmentOverrides })
  })

  it('import: the preview lists the bad line and the disguised duplicate; nothing is imported until the user skips', async () => {
    const { rows } = await server.db.pool.query<{ id: string; name: string; phone: string; city: string }>(
      `SELECT id, doc->>'name' AS name, doc->>'phone' AS phone, doc->>'city' AS city FROM customers
        WHERE team_id = $1 AND regexp_replace(doc->>'phone', '[^0-9]', '', 'g') ~ '^(0[1-9][0-9]{8,10}|1[3-9][0-9]{9})$'
        ORDER BY id LIMIT 1`,
      [teamId],
    )
    const existing = rows[0]!
    const count = async () =>
      Number((await server.db.pool.query('SELECT count(*)::int AS n FROM customers')).rows[0].n)
    const start = await count()
    const p = existing.phone.replace(/\D/g, '')
    // Written internationally with other separators: a landline loses its trunk 0, a mobile gets +86.
    const local = p.startsWith('0') ? p.slice(1) : p
    const disguisedPhone = `+86 ${local.slice(0, 2)} ${local.slice(2, 6)}-${local.slice(6)}`
    const csv = [
      '客户名称,手机,地址,城市',
      `E2E新开门店甲,13900001111,测试路1号,${existing.city}`,
      `,13900002222,测试路2号,${existing.city}`,
      `${existing.name},${disguisedPhone},,${existing.city}`,
    ].join('\n')

    await supPage.getByRole('link', { name: '客户管理', exact: true }).click()
    await supPage.getByRole('link', { name: '导入客户或订单' }).click()
    await supPage.getByLabel('数据来源名称（按来源保存列对应关系）').fill('e2e-crm')
    await supPage.getByLabel('CSV 文件（UTF-8、UTF-16 或 GBK）').setInputFiles({
      name: '客户.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${csv}\n`, 'utf8'),
    })
    const mapping = supPage.getByTestId('column-mapping')
    await expect
      .poll(() => mapping.getByRole('combobox', { name: '客户名称', exact: true }).inputValue(), {
        timeout: 15_000,
      })
      .toBe('客户名称')
    await expect
      .poll(() => mapping.getByRole('combobox', { name: '电话', exact: true }).inputValue())
      .toBe('手机')
    // The file was read (in a worker): its encoding and number of data lines are shown.
    expect(await supPage.getByTestId('import-encoding').textContent()).toContain('共 3 行')
    await supPage.getByRole('button', { name: '检查（试导入）' }).click()

    const errors = supPage.getByTestId('import-errors')
    await expect
      .poll(() => errors.locator('tbody tr').first().textContent(), { timeout: 30_000 })
      .toMatch(/^3name/)
    const duplicate = supPage.getByTestId('import-duplicates').locator('li[data-line="4"]')
    await expect.poll(() => duplicate.textContent()).toContain(`已有客户 ${existing.name}`)
    expect(await count()).toBe(start)

    // Import without ticking "skip rows with errors": refused, nothing written.
    await supPage.getByRole('button', { name: '导入', exact: true }).click()
    await expect.poll(() => supPage.getByTestId('import-message').textContent()).toContain('部分行有错误')
    expect(await count()).toBe(start)

    // The likely duplicate waits for a decision (not imported until then); skip the bad line and import the rest.
    await expect.poll(() => duplicate.getByRole('combobox').inputValue()).toBe('review')
    await supPage.getByLabel('跳过有错误的行，导入其余行').check()
    await supPage.getByRole('button', { name: '导入', exact: true }).click()
    await expect
      .poll(() => supPage.getByTestId('import-message').textContent(), { timeout: 30_000 })
      .toContain('已导入 1 行')
    expect(await count()).toBe(start + 1)
    const { rows: same } = await server.db.pool.query(`SELECT 1 FROM customers WHERE doc->>'name' = $1`, [
      existing.name,
    ])
    expect(same).toHaveLength(1)
  })

  it('dashboard and review work offline from the cached team data, without serious accessibility issues', async () => {
    await supPage.getByRole('link', { name: '拜访审核', exact: true }).click()
    await expect.poll(() => supPage.getByTestId('visit-row').count(), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(await axeViolations(supPage)).toEqual([])
    await sup.context.setOffline(true)
    try {
      await supPage.getByRole('link', { name: '看板', exact: true }).click()
      await supPage.getByTestId('kpis').waitFor({ timeout: 30_000 })
      // The period's rate and the lifecycle stage have distinct names, each defined one tap away.
      await supPage.getByTestId('kpis').getByText('未回购率', { exact: true }).click()
      const definition = supPage.getByTestId('kpi-def-churnRate')
      await expect.poll(() => definition.textContent()).toContain('1 − 留存率')
      await expect.poll(() => definition.textContent()).toContain('已流失（生命周期阶段）')
      expect(await supPage.getByTestId('kpis').textContent()).not.toContain('客户流失率')
      await supPage.getByTestId('chart-visits').locator('svg').first().waitFor({ timeout: 30_000 })
      await expect.poll(() => supPage.getByTestId('tier-moves').locator('table').count()).toBe(1)
      expect(await axeViolations(supPage)).toEqual([])
      // Actions explain that they need a connection.
      await supPage.getByRole('link', { name: '客户管理', exact: true }).click()
      await supPage.getByRole('button', { name: '导出客户分群（CSV）' }).click()
      await expect.poll(() => supPage.getByRole('alert').first().textContent()).toContain('当前离线')
    } finally {
      await sup.context.setOffline(false)
    }
  })
})

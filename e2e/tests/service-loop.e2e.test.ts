import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { openSignedIn } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>
type Customer = { id: string; name: string; loc: { lat: number; lng: number }; reason: string }

async function signIn(profile: Profile, url: string, email: string, password: string, path: string) {
  const page = await profile.context.newPage()
  // A profile that signed in during an earlier test keeps its session: the screen opens at once.
  await openSignedIn(page, `${url}${path}`, { email, password })
  await expect
    .poll(async () => page.getByTestId('connection').textContent(), { timeout: 60_000 })
    .toMatch(/^(在线|由另一标签页同步)$/)
  return page
}

/** The dashboard's figures the loop moves: complaints by state and the team's NPS (null when none). */
async function dashboardFigures(page: Page) {
  const count = async (state: string) =>
    Number(
      (await page
        .getByTestId('complaints-by-status')
        .locator(`[data-state=${state}] strong`)
        .textContent()) ?? Number.NaN,
    )
  const nps =
    (await page.getByTestId('kpi-row-overall').locator('[data-kpi=netPromoterScore]').textContent()) ?? ''
  return {
    open: await count('open'),
    resolved: await count('resolved'),
    nps: /-?\d+/.test(nps) ? Number(nps.match(/-?\d+(\.\d+)?/)![0]) : null,
  }
}

/**
 * The feedback results per tier or per rep: each group's NPS split, surveys answered, and answers to
 * one survey question (0 when the question has none in the period), keyed by the group ("A", "u-rep-1");
 * null while the results are not shown grouped so. Read in one go: a change synced meanwhile computes
 * the report again, which renders the tables anew (grouped per tier again).
 */
async function feedbackFigures(
  page: Page,
  by: 'byTier' | 'byRep',
  questionId: string,
): Promise<Record<string, string> | null> {
  const results = page.getByTestId('feedback-results')
  await results.getByTestId('nps-row-overall').waitFor({ timeout: 60_000 })
  await results.getByTestId('feedback-group-by').selectOption(by)
  return results.evaluate(
    (el, { by, questionId }) => {
      const select = el.querySelector<HTMLSelectElement>('[data-testid="feedback-group-by"]')
      if (select?.value !== by) return null
      const out: Record<string, string> = {}
      for (const row of Array.from(el.querySelectorAll('[data-testid="nps-table"] tbody tr'))) {
        const key = (row.getAttribute('data-testid') ?? '').replace('nps-row-', '')
        if (key === 'overall') continue
        const cell = (name: string) => Number(row.querySelector(`[data-nps=${name}]`)?.textContent)
        const question = el.querySelector(
          `[data-testid="survey-result-${questionId}"] [data-testid="survey-row-${key}"] td`,
        )
        const answers = question === null ? 0 : Number(question.textContent)
        out[key] =
          `${cell('detractors')} detractors, ${cell('answers')} answers, ${cell('surveys')} surveys, ${answers} answers to ${questionId}`
      }
      return out
    },
    { by, questionId },
  )
}

/**
 * The "would you recommend us" answers of a team's customers in the dashboard's default period (the
 * organisation's last 30 days), on the server: the dashboard shows as many once the team is synced.
 */
async function serverNpsAnswers(db: Awaited<ReturnType<typeof startE2eServer>>['db'], teamId: string) {
  const { rows } = await db.pool.query<{ n: number }>(
    `WITH p AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS today),
          team AS (SELECT id FROM customers WHERE team_id = $1 AND NOT deleted AND NOT (doc ? 'mergedInto')),
          latest AS (SELECT DISTINCT ON (revision_of) doc FROM visits WHERE customer_id IN (SELECT id FROM team)
                      ORDER BY revision_of, revision DESC)
     SELECT ((SELECT count(*) FROM latest, p WHERE jsonb_typeof(doc->'nps') = 'number'
                AND coalesce(doc->>'cancelled', 'false') <> 'true'
                AND ((doc->>'checkInAt')::timestamptz AT TIME ZONE 'Asia/Shanghai')::date BETWEEN p.today - 29 AND p.today)
           + (SELECT count(*) FROM feedback f, p WHERE f.customer_id IN (SELECT id FROM team)
                AND jsonb_typeof(f.doc->'recommend') = 'number'
                AND (f.at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN p.today - 29 AND p.today))::int AS n`,
    [teamId],
  )
  return rows[0]!.n
}

/** `figures` with the group `key` grown by one detractor, one NPS answer, one survey and one answer. */
function grownBy(figures: Record<string, string>, key: string): Record<string, string> {
  const [d, a, s, q] = (figures[key] ?? '0 0 0 0').match(/\d+/g)!.map(Number) as [
    number,
    number,
    number,
    number,
  ]
  return {
    ...figures,
    [key]: `${d + 1} detractors, ${a + 1} answers, ${s + 1} surveys, ${q + 1} answers to q-delivery`,
  }
}

/**
 * One A-tier customer through the whole service loop, in zh-CN: the care plan, a contact logged
 * offline, a visit with a complaint and an NPS answer, the complaint handled to the end between the
 * supervisor and the rep, and the supervisor's review reaching the rep, with the figures following.
 */
describe('the tiered service loop for one A-tier customer', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let repProfile: Profile
  let supProfile: Profile

  beforeAll(async () => {
    server = await startE2eServer({ customers: 60 })
    ;[repProfile, supProfile] = await Promise.all([
      launchProfile(),
      launchProfile({ viewport: { width: 1280, height: 900 } }),
    ])
  })
  afterAll(async () => {
    await Promise.all([repProfile?.close(), supProfile?.close()])
    await server?.stop()
  })

  it('care task → contact offline → visit with complaint and NPS → assigned → resolved → review → dashboard', async () => {
    const rep = server.logins.find((l) => l.email === 'rep1@outrider.demo')!
    const supLogin = server.logins.find((l) => l.email === 'sup1@outrider.demo')!
    const repPage = await signIn(repProfile, server.url, rep.email, rep.password, '/customers')
    const supPage = await signIn(supProfile, server.url, supLogin.email, supLogin.password, '/dashboard')

    // The dashboard before: the period's complaints by state and the NPS, from the records, once the
    // team's records are in (a first sync brings them in pages; a page read earlier is not the "before").
    await supPage.getByTestId('complaints-by-status').waitFor({ timeout: 120_000 })
    const npsAnswers = await serverNpsAnswers(server.db, 'team-east-1')
    await expect
      .poll(
        () =>
          supPage
            .getByTestId('feedback-results')
            .getByTestId('nps-row-overall')
            .locator('[data-nps=answers]')
            .textContent({ timeout: 60_000 }),
        { timeout: 120_000 },
      )
      .toBe(String(npsAnswers))
    await expect
      .poll(async () => (await dashboardFigures(supPage)).open, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(0)
    const before = await dashboardFigures(supPage)
    // Per tier and per rep: NPS split, surveys answered and the answers to the A tier's delivery question.
    const shown = async (by: 'byTier' | 'byRep') => {
      const read: { figures: Record<string, string> | null } = { figures: null }
      await expect
        .poll(
          async () => {
            read.figures = await feedbackFigures(supPage, by, 'q-delivery')
            return Object.keys(read.figures ?? {}).length
          },
          { timeout: 60_000 },
        )
        .toBeGreaterThan(0)
      return read.figures ?? {}
    }
    // Classified against the server's thresholds, as the phone is: the same tier for each customer.
    await expect
      .poll(() => supPage.getByTestId('classified-against').getAttribute('data-source'), { timeout: 60_000 })
      .toBe('server')
    const tierBefore = await shown('byTier')
    const repBefore = await shown('byRep')

    // The phone makes its care tasks once in sync, and sends them: pick an A-tier customer one names.
    await expect
      .poll(
        () => repPage.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('outrider.care.'))),
        { timeout: 90_000 },
      )
      .toBe(true)
    const pick = async () =>
      (
        await server.db.pool.query<Customer>(
          `SELECT c.id, c.doc->>'name' AS name, c.doc->'location' AS loc, t.doc->'reason'->>'zh' AS reason
             FROM tasks t JOIN customers c ON c.id = t.customer_id
            WHERE t.owner_rep_id = 'u-rep-1' AND t.doc->>'kind' = 'care' AND t.doc->>'status' = 'open'
              AND t.due >= current_date - 14 AND t.doc->'reason'->>'zh' LIKE '%（A 类%'
              AND jsonb_typeof(c.doc->'location') = 'object'
              AND NOT EXISTS (SELECT 1 FROM complaints k WHERE k.customer_id = c.id AND k.status IN ('open', 'in_progress'))
            ORDER BY t.due, c.id LIMIT 1`,
        )
      ).rows[0]
    await expect.poll(pick, { timeout: 90_000, interval: 1_000 }).toBeDefined()
    const customer = (await pick())!

    // On the rep's phone: an A-tier customer, with the care task saying which rule made it.
    await repPage.goto(`${server.url}/customers/${customer.id}`)
    const badges = repPage.getByTestId('badges')
    await expect.poll(() => badges.getAttribute('data-tier'), { timeout: 60_000 }).toBe('A')
    await expect
      .poll(
        () =>
          repPage
            .getByTestId('customer-tasks')
            .getByTestId('task')
            .filter({ hasText: customer.reason })
            .count(),
        {
          timeout: 30_000,
        },
      )
      .toBe(1)
    expect(customer.reason).toMatch(/A 类.*规则/)
    expect(await badges.textContent()).not.toContain('有未结投诉')

    // Offline: a WeChat message logged without a check-in, then a visit with a complaint and NPS 0.
    await repProfile.context.grantPermissions(['geolocation'], { origin: server.url })
    await repProfile.context.setGeolocation({
      latitude: customer.loc.lat,
      longitude: customer.loc.lng,
      accuracy: 10,
    })
    await expect
      .poll(() => repPage.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
      .toBe(true)
    await repProfile.context.setOffline(true)
    await repPage.reload()
    await expect.poll(() => repPage.getByTestId('connection').textContent(), { timeout: 30_000 }).toBe('离线')
    await repPage.getByTestId('contact-wechat').click()
    const chat = `微信问候 ${Date.now()}`
    await repPage.getByLabel('沟通内容').fill(chat)
    await repPage.getByTestId('save-contact').click()
    await expect
      .poll(() => repPage.getByTestId('timeline').textContent(), { timeout: 15_000 })
      .toContain(chat)

    await repPage.goto(`${server.url}/visit/${customer.id}`)
    await repPage.getByRole('button', { name: '签到' }).click()
    await repPage.getByLabel('拜访目的').selectOption('care')
    const note = `关怀拜访 ${Date.now()}`
    await repPage.getByLabel('拜访记录').fill(note)
    await repPage.getByLabel('拜访结果').selectOption('follow_up')
    await repPage.getByLabel('客户是否愿意推荐我们？（0–10，可选）').selectOption('0')
    // The A tier's survey, asked at the visit: delivery marked 2 of 5.
    await repPage.getByTestId('visit-survey').getByLabel('对送货是否满意').selectOption('2')
    const complaint = `货架上的货过期了 ${Date.now() % 10_000}`
    await repPage.getByRole('textbox', { name: '投诉', exact: true }).fill(complaint)
    await repPage.getByLabel('投诉类别').selectOption('product')
    await repPage.getByTestId('visit-complaint-severity').selectOption('high')
    await repPage.getByRole('button', { name: '签退并保存' }).click()
    await expect.poll(() => repPage.getByTestId('visit-saved').count(), { timeout: 15_000 }).toBe(1)

    // Still offline, the phone already counts the complaint: tagged, and visited sooner.
    await repPage.goto(`${server.url}/customers/${customer.id}`)
    const card = repPage.getByTestId('complaint').filter({ hasText: complaint })
    await expect
      .poll(() => card.getByTestId('complaint-state').textContent(), { timeout: 30_000 })
      .toBe('待处理')
    await expect.poll(() => badges.textContent(), { timeout: 30_000 }).toContain('有未结投诉')
    const priorityWithComplaint = Number(await badges.getAttribute('data-priority'))

    // Back online: the contact, the visit and the complaint reach the server.
    await repProfile.context.setOffline(false)
    const stored = async () => {
      const { rows } = await server.db.pool.query(
        `SELECT (SELECT count(*)::int FROM visits WHERE customer_id = $1 AND doc->>'channel' = 'wechat' AND doc->>'notes' = $2) AS contacts,
                (SELECT count(*)::int FROM visits WHERE customer_id = $1 AND doc->>'notes' = $3 AND (doc->>'nps')::int = 0) AS visits,
                (SELECT count(*)::int FROM complaints WHERE customer_id = $1 AND status = 'open' AND doc->>'description' = $4) AS complaints`,
        [customer.id, chat, note, complaint],
      )
      return rows[0]
    }
    await expect
      .poll(stored, { timeout: 60_000, interval: 500 })
      .toEqual({ contacts: 1, visits: 1, complaints: 1 })

    // The supervisor sees it among the team's unresolved complaints and assigns it to the rep.
    await supPage.getByRole('link', { name: '投诉', exact: true }).click()
    const supCard = supPage.getByTestId('complaint').filter({ hasText: complaint })
    await expect.poll(() => supCard.count(), { timeout: 60_000 }).toBe(1)
    expect(await supCard.textContent()).toContain(customer.name)
    await supCard.getByTestId('complaint-assign').click()
    await supCard.getByTestId('complaint-assignee').selectOption('u-rep-1')
    await supCard.getByTestId('complaint-note').fill('请今天联系客户更换')
    await supCard.getByTestId('complaint-confirm').click()
    const assigned = async () =>
      (
        await server.db.pool.query(
          `SELECT assignee_id, doc->'steps' AS steps FROM complaints WHERE customer_id = $1 AND doc->>'description' = $2`,
          [customer.id, complaint],
        )
      ).rows[0] as { assignee_id: string; steps: { action: string; by: string }[] }
    await expect
      .poll(async () => (await assigned()).steps.map((s) => `${s.action}:${s.by}`), { timeout: 30_000 })
      .toEqual(['open:u-rep-1', 'assign:u-sup-1'])

    // The rep resolves it with a note and the customer's satisfaction; the tag and the priority drop.
    await expect.poll(() => card.locator('details li').count(), { timeout: 60_000 }).toBe(2)
    await card.getByTestId('complaint-resolve').click()
    await card.getByTestId('complaint-note').fill('已更换过期商品，客户确认')
    await card.getByTestId('complaint-confirm').click()
    await expect
      .poll(() => card.getByTestId('complaint-state').textContent(), { timeout: 15_000 })
      .toBe('已解决')
    await card.getByTestId('complaint-satisfaction').selectOption('5')
    await expect.poll(() => badges.textContent(), { timeout: 30_000 }).not.toContain('有未结投诉')
    await expect
      .poll(async () => Number(await badges.getAttribute('data-priority')), { timeout: 30_000 })
      .toBeLessThan(priorityWithComplaint)
    await expect
      .poll(
        async () =>
          (
            await server.db.pool.query(
              `SELECT status, (doc->>'satisfaction')::int AS satisfaction FROM complaints WHERE customer_id = $1 AND doc->>'description' = $2`,
              [customer.id, complaint],
            )
          ).rows[0],
        { timeout: 30_000 },
      )
      .toEqual({ status: 'resolved', satisfaction: 5 })

    // The supervisor's review comment on the visit reaches the rep's timeline.
    const { rows: visitRows } = await server.db.pool.query<{ id: string }>(
      `SELECT id FROM visits WHERE customer_id = $1 AND doc->>'notes' = $2`,
      [customer.id, note],
    )
    await supPage.getByRole('link', { name: '拜访审核', exact: true }).click()
    await supPage.getByRole('searchbox', { name: '客户', exact: true }).fill(customer.name)
    await expect
      .poll(() => supPage.locator(`[data-visit-id="${visitRows[0]!.id}"] button`).count(), {
        timeout: 60_000,
      })
      .toBe(1)
    await supPage.locator(`[data-visit-id="${visitRows[0]!.id}"] button`).click()
    const detail = supPage.getByTestId('visit-detail')
    const comment = '投诉处理及时，下次拜访请检查保质期'
    await detail.getByLabel('给业务员的批注').fill(comment)
    await detail.getByRole('button', { name: '发送批注' }).click()
    await expect
      .poll(
        () =>
          repPage.getByTestId('timeline').getByTestId('review-comment').filter({ hasText: comment }).count(),
        { timeout: 60_000 },
      )
      .toBe(1)

    // The dashboard: one more complaint, resolved, and the NPS lowered by the detractor's 0.
    await supPage.getByRole('link', { name: '看板', exact: true }).click()
    await supPage.getByTestId('complaints-by-status').waitFor({ timeout: 120_000 })
    await expect
      .poll(async () => (await dashboardFigures(supPage)).resolved, { timeout: 60_000 })
      .toBe(before.resolved + 1)
    const after = await dashboardFigures(supPage)
    expect(after.open).toBe(before.open)
    expect(after.nps).not.toBeNull()
    if (before.nps !== null) expect(after.nps!).toBeLessThan(before.nps)
    // The feedback results: rep1's and the A tier's row (the customer's tier on the phone: one
    // classification, against the same synced thresholds) gain the visit's detractor, its survey and
    // its answer on delivery; the other rows stay.
    await expect
      .poll(() => feedbackFigures(supPage, 'byRep', 'q-delivery'), { timeout: 30_000 })
      .toEqual(grownBy(repBefore, 'u-rep-1'))
    const grownTiers = async () => {
      const after = await feedbackFigures(supPage, 'byTier', 'q-delivery')
      return ['A', 'B', 'C'].filter((t) => JSON.stringify(after) === JSON.stringify(grownBy(tierBefore, t)))
    }
    await expect.poll(grownTiers, { timeout: 30_000 }).toEqual(['A'])
  }, 600_000)

  it('an admin edits the complaint categories, response times and greeting days; the rep’s phone offers the new category', async () => {
    const admin = server.logins.find((l) => l.role === 'admin')!
    const adminProfile = await launchProfile({ viewport: { width: 1280, height: 900 } })
    try {
      const page = await signIn(adminProfile, server.url, admin.email, admin.password, '/manage')
      const lists = page.getByTestId('service-lists')
      await lists.waitFor({ timeout: 60_000 })
      await lists.getByLabel('新类别').fill('包装')
      await lists.getByRole('button', { name: '添加类别' }).click()
      await lists.getByLabel('A 级客户（小时）').fill('12')
      await lists.getByLabel(/每行一个/).fill('2027-02-30 错日子')
      await lists.getByRole('button', { name: '保存', exact: true }).click()
      // A bad line is named, and the save waits for a fix.
      await expect.poll(() => lists.getByRole('alert').textContent()).toContain('第 1 行')
      await lists.getByLabel(/每行一个/).fill('2027-02-06 春节\n2027-10-01 国庆')
      await lists.getByRole('button', { name: '保存', exact: true }).click()
      const stored = async () =>
        (await server.db.pool.query(`SELECT doc FROM policies LIMIT 1`)).rows[0].doc as {
          complaintCategories?: string[]
          holidays?: { date: string; name: string }[]
          tiers: { A: { complaintResponseHours?: number } }
        }
      await expect
        .poll(async () => (await stored()).complaintCategories, { timeout: 30_000 })
        .toContain('包装')
      const policy = await stored()
      expect(policy.tiers.A.complaintResponseHours).toBe(12)
      expect(policy.holidays).toEqual([
        { date: '2027-02-06', name: '春节' },
        { date: '2027-10-01', name: '国庆' },
      ])

      const repPage = repProfile.context.pages().at(-1)!
      await repPage.getByTestId('complaint-new').click()
      await expect
        .poll(
          () =>
            repPage.getByTestId('customer-complaints').getByLabel('类别').locator('option').allTextContents(),
          {
            timeout: 60_000,
          },
        )
        .toContain('包装')
    } finally {
      await adminProfile.close()
    }
  }, 300_000)
  it('the supervisor sets a monthly target that the rep’s “my month” shows', async () => {
    const rep = server.logins.find((l) => l.email === 'rep1@outrider.demo')!
    const supLogin = server.logins.find((l) => l.email === 'sup1@outrider.demo')!
    const supPage = await signIn(supProfile, server.url, supLogin.email, supLogin.password, '/manage')
    const editor = supPage.getByTestId('targets-editor')
    await editor.waitFor({ timeout: 60_000 })
    const repName = (
      await server.db.pool.query<{ name: string }>(
        `SELECT doc->>'displayName' AS name FROM users WHERE id = 'u-rep-1'`,
      )
    ).rows[0]!.name
    await editor.getByTestId('targets-scope').selectOption({ label: repName })
    await editor.getByLabel('拜访次数').fill('37')
    await editor.getByLabel('应访完成率（%）').fill('150')
    await editor.getByTestId('targets-save').click()
    // The wrong field says why, beside it; nothing is saved.
    await expect.poll(() => editor.locator('#targets-visitCoverage-error').textContent()).toContain('100')
    await editor.getByLabel('应访完成率（%）').fill('90')
    for (const [label, value] of [
      ['联系记录', '50'],
      ['订单数', '12'],
      ['关怀任务按时完成率（%）', '80'],
      ['未结投诉最多', '1'],
    ] as const)
      await editor.getByLabel(label).fill(value)
    await editor.getByTestId('targets-save').click()
    await expect
      .poll(() => editor.getByRole('status').textContent(), { timeout: 30_000 })
      .toContain('目标已保存')
    expect(
      (await server.db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'policy.targets'`))
        .rows[0].n,
    ).toBe(1)

    const repPage = await signIn(repProfile, server.url, rep.email, rep.password, '/my-month')
    await expect
      .poll(() => repPage.getByTestId('month-visits').textContent(), { timeout: 60_000 })
      .toContain('目标 37')
    expect(await repPage.getByTestId('month-coverage').textContent()).toContain('目标 90%')
  }, 300_000)
  it('an admin adds a survey question to a tier; the rep’s visit form asks it', async () => {
    const rep = server.logins.find((l) => l.email === 'rep1@outrider.demo')!
    const admin = server.logins.find((l) => l.role === 'admin')!
    const customerId = (
      await server.db.pool.query<{ id: string }>(
        `SELECT id FROM customers WHERE owner_rep_id = 'u-rep-1' ORDER BY id LIMIT 1`,
      )
    ).rows[0]!.id
    const repPage = await signIn(repProfile, server.url, rep.email, rep.password, `/customers/${customerId}`)
    const badges = repPage.getByTestId('badges')
    await expect.poll(() => badges.getAttribute('data-tier'), { timeout: 60_000 }).toMatch(/^[ABC]$/)
    const tier = (await badges.getAttribute('data-tier'))!

    const adminProfile = await launchProfile({ viewport: { width: 1280, height: 900 } })
    try {
      const page = await signIn(adminProfile, server.url, admin.email, admin.password, '/manage')
      const survey = page.getByTestId(`survey-${tier}`)
      await survey.waitFor({ timeout: 60_000 })
      const before = await survey.getByTestId('survey-question').count()
      await survey.getByRole('button', { name: '添加题目' }).click()
      const question = survey.getByTestId('survey-question').nth(before)
      await question.getByLabel('题目（中文）').fill('陈列是否整齐')
      await page.getByRole('button', { name: '保存服务策略' }).first().click()
      // The English label is missing: said beside it, nothing saved.
      await expect.poll(() => question.getByRole('alert').count(), { timeout: 15_000 }).toBeGreaterThan(0)
      await question.getByLabel('题目（英文）').fill('Shelves tidy')
      await page.getByRole('button', { name: '保存服务策略' }).first().click()
      await expect
        .poll(
          async () =>
            JSON.stringify((await server.db.pool.query(`SELECT doc FROM policies LIMIT 1`)).rows[0].doc),
          { timeout: 30_000 },
        )
        .toContain('陈列是否整齐')
    } finally {
      await adminProfile.close()
    }
    await repPage.goto(`${server.url}/visit/${customerId}`)
    await expect
      .poll(() => repPage.getByTestId('visit-survey').getByLabel('陈列是否整齐').count(), { timeout: 60_000 })
      .toBe(1)
  }, 300_000)
})

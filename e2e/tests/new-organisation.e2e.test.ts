import { setupLink } from '@outrider/sync-server'
import iconv from 'iconv-lite'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { submitSignIn } from '../support/sign-in.ts'

const SUP = { email: 'zhao.sup@haolinju.cn', name: '赵主管', password: 'zhao-own-password' }
const REP = { email: 'qian.rep@haolinju.cn', name: '钱业务', password: 'qian-own-password' }
const ADMIN = { email: 'boss@haolinju.cn', name: '王总', password: 'boss-password-1' }
const CUSTOMER = '新华便利店'

/** Signs in; a temporary password leads to the forced change, after which the app opens. */
async function signInFirstTime(page: Page, email: string, temporary: string, own: string) {
  await submitSignIn(page, { email, password: temporary })
  await page.getByRole('heading', { name: '设置您自己的密码' }).waitFor({ timeout: 30_000 })
  await page.getByLabel('临时密码').fill(temporary)
  await page.getByLabel('新密码（至少 8 位）').fill(own)
  await page.getByLabel('再次输入新密码').fill(own)
  await page.getByRole('button', { name: '修改密码' }).click()
  await page.getByTestId('connection').waitFor({ timeout: 30_000 })
}

/** Creates a person in the People console and returns the temporary password it hands out once. */
async function addPerson(page: Page, who: { email: string; name: string }, role: string, team: string) {
  const form = page.getByRole('form', { name: '添加人员' })
  await form.getByLabel('邮箱').fill(who.email)
  await form.getByLabel('姓名').fill(who.name)
  await form.getByLabel('角色').selectOption({ label: role })
  await form.getByLabel('团队').selectOption({ label: team })
  await form.getByRole('button', { name: '创建' }).click()
  const issued = page.getByTestId('issued').filter({ hasText: who.email })
  await issued.waitFor({ timeout: 15_000 })
  return /临时密码：(.+?)（/.exec((await issued.textContent()) ?? '')?.[1] ?? ''
}

async function importFile(page: Page, kind: string, name: string, bytes: Buffer, expected: string) {
  await page.getByRole('radio', { name: kind }).check()
  await page
    .getByLabel('CSV 文件（UTF-8、UTF-16 或 GBK）')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: bytes })
  await page.getByRole('button', { name: '检查（试导入）' }).click()
  await page.getByRole('button', { name: '导入', exact: true }).click()
  await expect
    .poll(() => page.getByTestId('import-message').textContent(), { timeout: 30_000 })
    .toContain(expected)
}

describe('a new organisation from an empty database: setup, people, catalogue, a rep’s day, review', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let office: Awaited<ReturnType<typeof launchProfile>>
  let phone: Awaited<ReturnType<typeof launchProfile>>
  let page: Page
  const temporary = { sup: '', rep: '' }

  beforeAll(async () => {
    server = await startE2eServer({ seed: false })
    office = await launchProfile({ viewport: { width: 1280, height: 900 } })
    phone = await launchProfile()
    page = await office.context.newPage()
  })
  afterAll(async () => {
    await phone?.close()
    await office?.close()
    await server?.stop()
  })

  it('the one-time setup link creates the organisation and signs its first admin in', async () => {
    const link = await setupLink(server.db, server.url)
    expect(link).toMatch(/\/setup#token=/)
    await page.goto(link!)
    await page.getByLabel('组织名称').fill('杭州好邻居商贸')
    expect(await page.getByLabel('时区').inputValue()).toBe('Asia/Shanghai')
    await page.getByRole('checkbox', { name: '周六' }).check()
    await page.getByLabel('姓名').fill(ADMIN.name)
    await page.getByLabel('邮箱').fill(ADMIN.email)
    await page.getByLabel('密码（至少 8 位）').fill(ADMIN.password)
    await page.getByLabel('再次输入密码').fill('something-else')
    await page.getByRole('button', { name: '创建组织' }).click()
    await expect.poll(() => page.getByText('两次输入的密码不一致。').count()).toBe(1)
    await page.getByLabel('再次输入密码').fill(ADMIN.password)
    await page.getByRole('button', { name: '创建组织' }).click()
    await page.getByTestId('connection').waitFor({ timeout: 30_000 })
    const { rows } = await server.db.pool.query("SELECT value FROM settings WHERE key = 'organisation'")
    expect(rows[0].value).toMatchObject({ name: '杭州好邻居商贸', workingDays: [1, 2, 3, 4, 5, 6] })
    expect(new URL(page.url()).hash).toBe('')
  })

  it('the admin creates a team, a supervisor and a rep with temporary passwords', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '人员', exact: true }).click()
    const newTeam = page.getByRole('form', { name: '添加团队' })
    await newTeam.getByLabel('团队名称').fill('华东一组')
    await newTeam.getByLabel('区域').fill('杭州')
    await newTeam.getByRole('button', { name: '创建团队' }).click()
    await expect.poll(() => page.getByTestId('team-row').count(), { timeout: 15_000 }).toBe(1)
    temporary.sup = await addPerson(page, SUP, '主管', '华东一组')
    temporary.rep = await addPerson(page, REP, '业务员', '华东一组')
    expect(temporary.sup.length).toBeGreaterThanOrEqual(8)
    // The team names its supervisor.
    await page.getByTestId('team-row').getByRole('button', { name: '编辑', exact: true }).click()
    await page.getByRole('form', { name: '华东一组' }).getByRole('checkbox', { name: SUP.name }).check()
    await page.getByRole('form', { name: '华东一组' }).getByRole('button', { name: '保存团队' }).click()
    await expect
      .poll(() => page.getByTestId('team-row').textContent(), { timeout: 15_000 })
      .toContain(SUP.name)
    expect(await axeViolations(page)).toEqual([])
    await expect
      .poll(() => page.getByTestId('audit-row').allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('user.create')]))
  })

  it('imports the product catalogue (UTF-8) and the customers (GBK, as Excel on Chinese Windows saves)', async () => {
    await page.getByRole('link', { name: '导入产品目录（CSV）' }).click()
    const products = [
      '产品编码,产品名称,类别,单位,单价',
      'TEA-01,西湖龙井 250g,茶叶,盒,88',
      'OIL-5L,花生油 5L,粮油,桶,108',
    ]
    await importFile(page, '产品目录', '产品.csv', Buffer.from(`${products.join('\r\n')}\r\n`), '已导入 2 行')
    const customers = [
      '客户名称,电话,地址,城市,联系人,负责人',
      `${CUSTOMER},13900001111,解放路1号,杭州,张三,${REP.email}`,
      `东方餐厅,13900002222,延安路8号,杭州,李四,${REP.email}`,
    ]
    await importFile(
      page,
      '客户',
      '客户.csv',
      iconv.encode(`${customers.join('\r\n')}\r\n`, 'gbk'),
      '已导入 2 行',
    )
    await expect.poll(() => page.getByText('GBK').count()).toBeGreaterThan(0)
    const { rows } = await server.db.pool.query(
      `SELECT c.doc->>'name' AS name, u.email FROM customers c JOIN users u ON u.id = c.owner_rep_id ORDER BY 1`,
    )
    expect(rows).toEqual([
      { name: '东方餐厅', email: REP.email },
      { name: CUSTOMER, email: REP.email },
    ])
  })

  it('the new rep signs in on a phone, corrects a contact and the opening hours offline, and records an order', async () => {
    await phone.context.setOffline(false) // online again if a first attempt failed offline
    await phone.context.grantPermissions(['geolocation'], { origin: server.url })
    await phone.context.setGeolocation({ latitude: 30.2741, longitude: 120.1551, accuracy: 12 })
    const rep = await phone.context.newPage()
    await rep.goto(server.url)
    await signInFirstTime(rep, REP.email, temporary.rep, REP.password)
    // The service worker holds the app's code for the offline part.
    await expect
      .poll(() => rep.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
      .toBe(true)
    await rep.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click()
    await rep.getByTestId('customer-row').filter({ hasText: CUSTOMER }).click()
    await rep.getByRole('heading', { name: CUSTOMER }).waitFor({ timeout: 60_000 })
    await rep.getByTestId('contact').filter({ hasText: '张三' }).waitFor({ timeout: 30_000 })
    await phone.context.setOffline(true)

    await rep.getByRole('button', { name: '编辑张三' }).click()
    const contact = rep.getByRole('form', { name: '编辑张三' })
    await contact.getByRole('textbox', { name: '电话' }).fill('13700009999')
    await contact.getByLabel('微信号').fill('zhangsan_wx')
    await contact.getByLabel('偏好联系方式').selectOption('wechat')
    await contact.getByRole('button', { name: '保存联系人' }).click()
    await expect.poll(() => rep.getByTestId('contact').first().textContent()).toContain('13700009999')

    await rep.getByRole('button', { name: '编辑', exact: true }).click()
    // A refusal sits under its field, marked on it, in Chinese.
    const nameField = rep.getByRole('textbox', { name: '名称', exact: true })
    await nameField.fill('')
    await rep.getByRole('button', { name: '保存修改' }).click()
    await expect.poll(() => nameField.getAttribute('aria-invalid')).toBe('true')
    const describedBy = (await nameField.getAttribute('aria-describedby')) ?? ''
    expect(await rep.locator(`[id="${describedBy}"]`).textContent()).toBe('请输入名称。')
    await nameField.fill(CUSTOMER)
    expect(await nameField.getAttribute('aria-invalid')).toBeNull()
    const hours = rep.getByTestId('opening-hours')
    // Monday becomes two windows with a lunch break: 9–12 and 14–20.
    const removeMonday = hours.getByRole('button', { name: /^删除周一/ })
    while ((await removeMonday.count()) > 0) await removeMonday.first().click()
    await expect.poll(() => hours.locator('[data-day="1"]').textContent()).toContain('休息')
    await hours.getByRole('button', { name: '添加周一营业时段' }).click()
    await hours.getByRole('button', { name: '添加周一营业时段' }).click()
    await hours.getByLabel('周一关门').first().fill('12:00')
    await hours.getByLabel('周一开门').nth(1).fill('14:00')
    await hours.getByLabel('周一关门').nth(1).fill('20:00')
    await rep.getByLabel('纬度').fill('30.2741')
    await rep.getByLabel('经度').fill('120.1551')
    await expect
      .poll(() => rep.getByTestId('location-preview').textContent())
      .toBe('将保存：30.274100, 120.155100')
    await rep.getByRole('button', { name: '保存修改' }).click()

    await rep.getByTestId('start-visit').click()
    await rep.getByRole('button', { name: '签到' }).click()
    await rep.getByText(/签到时间/).waitFor({ timeout: 20_000 })
    await rep.getByLabel('拜访目的').selectOption('sales')
    await rep.getByLabel('拜访记录').fill('新店首访，已下单')
    await rep.getByLabel('拜访结果').selectOption('ordered')
    await rep.getByRole('button', { name: '添加产品' }).click()
    const line = rep.getByTestId('order-line').first()
    await line.getByLabel('产品').selectOption({ label: '西湖龙井 250g (盒)' })
    await line.getByLabel('数量').fill('2')
    await expect.poll(() => rep.getByTestId('order-total').textContent()).toContain('176.00')
    await rep.getByRole('button', { name: '签退并保存' }).click()
    await expect.poll(() => rep.getByTestId('visit-saved').count(), { timeout: 15_000 }).toBe(1)
    // Nothing has left the phone yet.
    expect(await serverState()).toMatchObject({ contactPhone: '13900001111', orderLines: [] })

    await phone.context.setOffline(false)
    await expect.poll(serverState, { timeout: 60_000 }).toEqual({
      contactPhone: '13700009999',
      contactWechat: 'zhangsan_wx',
      monday: [
        { open: 540, close: 720 },
        { open: 840, close: 1200 },
      ],
      location: { lat: 30.2741, lng: 120.1551 },
      orderLines: [{ sku: 'TEA-01', quantity: 2, unitPrice: 88 }],
    })
  })

  it('the supervisor signs in for the first time and sees the visit in the review', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '设置', exact: true }).click()
    await page.getByRole('button', { name: '退出登录' }).click()
    const supPage = page
    await signInFirstTime(supPage, SUP.email, temporary.sup, SUP.password)
    await supPage.getByRole('navigation').getByRole('link', { name: '拜访审核', exact: true }).click()
    await expect
      .poll(() => supPage.getByTestId('visit-row').allTextContents(), { timeout: 60_000 })
      .toEqual([expect.stringContaining(CUSTOMER)])
  })

  async function serverState() {
    const q = async (sql: string) => (await server.db.pool.query(sql)).rows[0] ?? {}
    const contact = await q(
      `SELECT doc->>'phone' AS phone, doc->>'wechat' AS wechat FROM contacts WHERE doc->>'name' = '张三'`,
    )
    const customer = await q(`SELECT doc FROM customers WHERE doc->>'name' = '${CUSTOMER}'`)
    const order = await q(
      `SELECT o.doc FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.doc->>'name' = '${CUSTOMER}'`,
    )
    const skus = await server.db.pool.query(`SELECT id, doc->>'sku' AS sku FROM products`)
    const skuOf = new Map(skus.rows.map((r) => [r.id, r.sku]))
    return {
      contactPhone: contact.phone ?? null,
      contactWechat: contact.wechat ?? null,
      monday: customer.doc?.openingHours?.[1] ?? null,
      location: customer.doc?.location ?? null,
      orderLines: (order.doc?.lines ?? []).map(
        (l: { productId: string; quantity: number; unitPrice: number }) => ({
          sku: skuOf.get(l.productId),
          quantity: l.quantity,
          unitPrice: l.unitPrice,
        }),
      ),
    }
  }
})

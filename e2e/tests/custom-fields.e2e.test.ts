import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn as signInOn } from '../support/sign-in.ts'

const at = '2026-01-01T00:00:00.000Z'
const definition = (
  n: number,
  key: string,
  zh: string,
  type: string,
  extra: { options?: string[]; required?: boolean } = {},
) => ({
  id: `cf-e2e-${key}`,
  createdAt: `2026-01-0${n}T00:00:00.000Z`,
  updatedAt: at,
  key,
  label: { zh, en: key },
  type,
  options: extra.options ?? [],
  required: extra.required ?? false,
  active: true,
})

describe('custom fields an admin defined, on the phone and in the console', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let phone: Awaited<ReturnType<typeof launchProfile>>
  let office: Awaited<ReturnType<typeof launchProfile>>

  const signIn = async (page: Page, role: 'rep' | 'supervisor') => {
    const login = server.logins.find((l) => l.role === role)!
    await signInOn(page, server.url, login)
    return login
  }

  beforeAll(async () => {
    server = await startE2eServer({ customers: 30 })
    for (const doc of [
      definition(1, 'payment', '结算方式', 'choice', { options: ['月结', '现金'], required: true }),
      definition(2, 'area', '面积', 'number'),
      definition(3, 'opened', '开业日期', 'date'),
    ])
      await server.db.pool.query('INSERT INTO custom_field_definitions (id, doc) VALUES ($1, $2)', [
        doc.id,
        doc,
      ])
    phone = await launchProfile()
    office = await launchProfile({ viewport: { width: 1280, height: 900 } })
  })
  afterAll(async () => {
    await phone?.close()
    await office?.close()
    await server?.stop()
  })

  it('a rep fills them in with an input per type, sees each refusal by its field, and filters the list', async () => {
    const page = await phone.context.newPage()
    const rep = await signIn(page, 'rep')
    const { rows } = await server.db.pool.query<{ id: string; name: string }>(
      `SELECT c.id, c.doc->>'name' AS name FROM customers c JOIN users u ON u.id = c.owner_rep_id
        WHERE u.email = $1 ORDER BY c.id LIMIT 1`,
      [rep.email],
    )
    const customer = rows[0]!
    await page.goto(`${server.url}/customers/${customer.id}`)
    await page.getByRole('button', { name: '编辑', exact: true }).click()
    const fields = page.getByTestId('custom-fields')
    await fields.getByLabel('面积').waitFor({ timeout: 30_000 })
    expect(await fields.getByLabel('结算方式').evaluate((e) => e.tagName)).toBe('SELECT')
    expect(await fields.getByLabel('开业日期').getAttribute('type')).toBe('date')
    expect(await fields.textContent()).toContain('（必填）')

    await fields.getByLabel('面积').fill('大约一百')
    await page.getByRole('button', { name: '保存修改' }).click()
    const reasonOf = async (label: string) => {
      const id = await fields.getByLabel(label).getAttribute('aria-describedby')
      return id ? page.locator(`#${id}`).textContent() : null
    }
    await expect.poll(() => reasonOf('面积')).toBe('请输入数字，例如 12 或 3.5。')
    expect(await reasonOf('结算方式')).toBe('必填。')
    expect(await reasonOf('开业日期')).toBeNull()
    expect(await axeViolations(page)).toEqual([])

    // Saved offline: the values wait on the phone and reach the server once it is back.
    await phone.context.setOffline(true)
    await fields.getByLabel('面积').fill('1,250')
    await fields.getByLabel('结算方式').selectOption('月结')
    await fields.getByLabel('开业日期').fill('2020-05-01')
    await page.getByRole('button', { name: '保存修改' }).click()
    await expect
      .poll(() => page.getByTestId('custom-values').textContent(), { timeout: 15_000 })
      .toBe('结算方式月结面积1250开业日期2020-05-01')
    await phone.context.setOffline(false)
    await expect
      .poll(
        async () =>
          (
            await server.db.pool.query("SELECT doc->'customFields' AS f FROM customers WHERE id = $1", [
              customer.id,
            ])
          ).rows[0]?.f,
        { timeout: 60_000 },
      )
      // The seed's own extra columns stay beside them.
      .toMatchObject({ payment: '月结', area: 1250, opened: '2020-05-01' })

    await page.goto(`${server.url}/customers`)
    await page.getByText('筛选', { exact: true }).click()
    await page.getByTestId('filter-custom-field').selectOption({ label: '结算方式' })
    await page.getByTestId('filter-custom-value').selectOption('月结')
    await expect
      .poll(() => page.getByTestId('customer-row').allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(customer.name)])
  }, 240_000)

  it('the import maps a column named like a custom field to it and refuses a value that does not fit', async () => {
    const page = await office.context.newPage()
    await signIn(page, 'supervisor')
    const count = async () =>
      Number((await server.db.pool.query('SELECT count(*)::int AS n FROM customers')).rows[0].n)
    const start = await count()
    const csv = [
      '客户名称,城市,结算方式,面积',
      '自定义字段商店甲,杭州,月结,80',
      '自定义字段商店乙,杭州,赊账,大约一百',
    ].join('\n')
    await page.goto(`${server.url}/import`)
    await page.getByLabel('CSV 文件（UTF-8、UTF-16 或 GBK）').setInputFiles({
      name: '客户.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\n`, 'utf8'),
    })
    const mapped = page.getByTestId('custom-field-columns')
    await expect
      .poll(() => mapped.getByRole('combobox', { name: '结算方式' }).inputValue(), { timeout: 30_000 })
      .toBe('结算方式')
    expect(await mapped.getByRole('combobox', { name: '面积' }).inputValue()).toBe('面积')
    await page.getByRole('button', { name: '检查（试导入）' }).click()
    const errors = page.getByTestId('import-errors')
    await expect
      .poll(() => errors.locator('tbody tr').allTextContents(), { timeout: 30_000 })
      .toEqual(['3payment结算方式：“赊账”不是可选值（月结、现金）之一', '3area面积：“大约一百”不是数字'])
    await page.getByRole('button', { name: '导入', exact: true }).click()
    await expect.poll(() => page.getByTestId('import-message').textContent()).toContain('部分行有错误')
    expect(await count()).toBe(start)
  }, 180_000)
})

import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn } from '../support/sign-in.ts'

async function openCustomer(page: Page, url: string, id: string, name: string) {
  await page.goto(`${url}/customers/${id}`)
  await expect
    .poll(async () => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 })
    .toContain(name)
}

async function editOffline(context: BrowserContext, page: Page, fields: Record<string, string>) {
  await context.setOffline(true)
  await expect
    .poll(async () => page.getByTestId('connection').textContent(), { timeout: 30_000 })
    .toBe('离线')
  await page.getByRole('button', { name: '编辑', exact: true }).click()
  for (const [label, value] of Object.entries(fields))
    await page.getByLabel(label, { exact: true }).fill(value)
  await page.getByRole('button', { name: '保存修改' }).click()
  await expect.poll(() => page.getByRole('button', { name: '保存修改' }).count(), { timeout: 10_000 }).toBe(0)
}

describe('one customer edited on two phones while offline', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let phoneA: Awaited<ReturnType<typeof launchProfile>>
  let phoneB: Awaited<ReturnType<typeof launchProfile>>

  beforeAll(async () => {
    server = await startE2eServer({ customers: 40 })
    ;[phoneA, phoneB] = await Promise.all([launchProfile(), launchProfile()])
  })
  afterAll(async () => {
    await Promise.all([phoneA?.close(), phoneB?.close()])
    await server?.stop()
  })

  it('different fields both survive, the same field takes the later edit, and the conflict is logged', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, c.name FROM customers c JOIN users u ON u.id = c.owner_rep_id WHERE u.email = $1 ORDER BY c.id LIMIT 1`,
      [rep.email],
    )
    const customer = rows[0] as { id: string; name: string }
    const [pageA, pageB] = await Promise.all([phoneA.context.newPage(), phoneB.context.newPage()])
    await signIn(pageA, server.url, rep, 'online')
    await signIn(pageB, server.url, rep, 'online')
    await openCustomer(pageA, server.url, customer.id, customer.name)
    await openCustomer(pageB, server.url, customer.id, customer.name)

    await editOffline(phoneA.context, pageA, { 电话: '13900000001', 备注: '手机A的备注' })
    await editOffline(phoneB.context, pageB, {
      地址: '上海市静安区南京西路100号',
      备注: '手机B的备注（较晚）',
    })

    const stored = async () => {
      const { rows: r } = await server.db.pool.query(
        `SELECT doc->>'phone' AS phone, doc->>'address' AS address, doc->>'notes' AS notes FROM customers WHERE id = $1`,
        [customer.id],
      )
      return r[0]
    }
    await phoneA.context.setOffline(false)
    await expect.poll(stored, { timeout: 60_000, interval: 500 }).toMatchObject({ phone: '13900000001' })
    await phoneB.context.setOffline(false)
    await expect
      .poll(stored, { timeout: 60_000, interval: 500 })
      .toEqual({ phone: '13900000001', address: '上海市静安区南京西路100号', notes: '手机B的备注（较晚）' })

    const { rows: conflicts } = await server.db.pool.query(
      `SELECT doc FROM conflicts WHERE doc_id = $1 AND collection = 'customers'`,
      [customer.id],
    )
    expect(conflicts.map((c) => c.doc.field)).toEqual(['notes'])
    expect(conflicts[0].doc).toMatchObject({
      winningValue: '手机B的备注（较晚）',
      losingValue: '手机A的备注',
    })

    // Both phones converge on the merged record, and phone A sees that its note was replaced.
    for (const page of [pageA, pageB]) {
      await expect
        .poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 60_000 })
        .toContain('手机B的备注（较晚）')
    }
    await pageA.getByRole('link', { name: '同步' }).click()
    const conflict = pageA.getByTestId('conflict')
    await expect.poll(() => conflict.count(), { timeout: 60_000 }).toBe(1)
    const text = (await conflict.textContent()) ?? ''
    expect(text).toContain('您的 (被替换): 手机A的备注')
    expect(text).toContain('其他 (保留): 手机B的备注（较晚）')
  })
})

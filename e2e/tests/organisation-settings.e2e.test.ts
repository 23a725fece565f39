import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn } from '../support/sign-in.ts'

describe('an admin changes the organisation’s settings after setup', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let office: Awaited<ReturnType<typeof launchProfile>>

  beforeAll(async () => {
    server = await startE2eServer({ customers: 20 })
    office = await launchProfile({ viewport: { width: 1280, height: 900 } })
  })
  afterAll(async () => {
    await office?.close()
    await server?.stop()
  })

  it('refuses bad fields next to each field, then saves and records who changed what', async () => {
    const admin = server.logins.find((l) => l.role === 'admin')!
    const page = await office.context.newPage()
    await signIn(page, server.url, admin)
    await page.goto(`${server.url}/admin`)
    const form = page.getByRole('form', { name: '组织设置' })
    await form.getByLabel('组织名称').waitFor({ timeout: 30_000 })
    const stored = async () =>
      (await server.db.pool.query("SELECT value FROM settings WHERE key = 'organisation'")).rows[0]?.value ??
      null
    // The demo organisation has its settings from the seed; the form opens on them.
    const seeded = await stored()
    expect(seeded).toMatchObject({ timeZone: 'Asia/Shanghai', currency: 'CNY' })
    await expect.poll(() => form.getByLabel('组织名称').inputValue()).toBe(seeded.name)

    await form.getByLabel('组织名称').fill('好邻居食品')
    await form.getByLabel('时区').fill('Mars/Olympus')
    await form.getByLabel('币种').fill('R1')
    await form.getByLabel('上班时间', { exact: true }).fill('18:00')
    await form.getByLabel('下班时间').fill('09:00')
    await form.getByRole('button', { name: '保存设置' }).click()
    // Each refusal is announced with its own field (aria-describedby), and nothing was saved.
    await expect.poll(() => form.getByLabel('币种').getAttribute('aria-invalid')).toBe('true')
    const reasonOf = async (label: string) => {
      const id = await form.getByLabel(label).getAttribute('aria-describedby')
      return id ? page.locator(`#${id}`).textContent() : null
    }
    expect(await reasonOf('时区')).toBe('无法识别的时区。')
    expect(await reasonOf('币种')).toBe('三个字母，例如 CNY。')
    expect(await reasonOf('下班时间')).toBe('下班时间必须晚于上班时间。')
    expect(await form.getByLabel('组织名称').getAttribute('aria-invalid')).toBeNull()
    expect(await stored()).toEqual(seeded)
    expect(await axeViolations(page)).toEqual([])

    await form.getByLabel('时区').fill('Asia/Urumqi')
    await form.getByLabel('币种').fill('cny')
    await form.getByLabel('上班时间', { exact: true }).fill('08:30')
    await form.getByLabel('下班时间').fill('17:30')
    await form.getByRole('checkbox', { name: '周六' }).check()
    await form.getByLabel('法定节假日').selectOption({ label: '无' })
    await form.getByRole('button', { name: '保存设置' }).click()
    await form.getByRole('status').filter({ hasText: '设置已保存。' }).waitFor({ timeout: 15_000 })
    expect(await form.getByLabel('币种').getAttribute('aria-invalid')).toBeNull()
    expect(await stored()).toEqual({
      name: '好邻居食品',
      timeZone: 'Asia/Urumqi',
      currency: 'CNY',
      workingDays: [1, 2, 3, 4, 5, 6],
      workStart: 510,
      workEnd: 1050,
      holidayCalendar: 'none',
    })
    await expect
      .poll(() => page.getByTestId('audit-row').allTextContents(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('organisation.update')]))

    // Opened again, the screen shows what was saved.
    await page.reload()
    await form.getByLabel('时区').waitFor({ timeout: 30_000 })
    expect(await form.getByLabel('时区').inputValue()).toBe('Asia/Urumqi')
    expect(await form.getByRole('checkbox', { name: '周六' }).isChecked()).toBe(true)
  }, 180_000)
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn } from '../support/sign-in.ts'

describe('duplicates in the console', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let office: Awaited<ReturnType<typeof launchProfile>>

  beforeAll(async () => {
    server = await startE2eServer({ customers: 30 })
    office = await launchProfile({ viewport: { width: 1280, height: 900 } })
  })
  afterAll(async () => {
    await office?.close()
    await server?.stop()
  })

  it('a supervisor compares a stored duplicate with its original and merges it, losing nothing', async () => {
    const supervisor = server.logins.find((l) => l.role === 'supervisor')!
    const db = server.db.pool
    const { rows } = await db.query<{ id: string; name: string; doc: Record<string, unknown> }>(
      `SELECT c.id, c.doc->>'name' AS name, c.doc FROM customers c
        JOIN users s ON s.team_id = c.team_id AND s.email = $1
        WHERE NOT c.deleted ORDER BY c.id LIMIT 1`,
      [supervisor.email],
    )
    const original = rows[0]!
    // The same shop entered again by hand: one more space in its name, a contact of its own.
    const copy = {
      ...original.doc,
      id: 'e2e-dup-1',
      name: `${original.name.slice(0, 2)} ${original.name.slice(2)}`,
    }
    await db.query(
      `INSERT INTO customers (id, owner_rep_id, team_id, name, phone, city, lat, lng, doc)
         SELECT 'e2e-dup-1', owner_rep_id, team_id, $2, phone, city, lat, lng, $3 FROM customers WHERE id = $1
         ON CONFLICT (id) DO NOTHING`,
      [original.id, copy.name, copy],
    )
    const contact = {
      id: 'e2e-dup-contact',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      clocks: {},
      customerId: 'e2e-dup-1',
      name: '重复店的老板',
      phone: '13700009999',
      primary: true,
    }
    await db.query(
      `INSERT INTO contacts (id, customer_id, owner_rep_id, team_id, doc)
         SELECT $1, id, owner_rep_id, team_id, $2 FROM customers WHERE id = 'e2e-dup-1'
         ON CONFLICT (id) DO NOTHING`,
      [contact.id, contact],
    )

    const page = await office.context.newPage()
    await signIn(page, server.url, supervisor)
    await page.getByRole('navigation').getByRole('link', { name: '客户管理', exact: true }).click()
    await page.getByRole('link', { name: '重复客户' }).click()

    const pair = page.getByTestId('duplicate-pair').filter({ hasText: copy.name as string })
    await pair.first().waitFor({ timeout: 30_000 })
    await pair.first().getByRole('button', { name: '对比' }).click()
    const table = pair.first().getByTestId('compare-table')
    await expect.poll(() => table.locator('tr[data-field=contacts]').textContent()).toContain('重复店的老板')
    expect(await table.locator('tr[data-field=name]').getAttribute('class')).toBe('differs')
    expect(await axeViolations(page)).toEqual([])

    await pair
      .first()
      .getByRole('button', { name: `保留“${original.name}”，将另一位并入` })
      .click()
    await pair.first().getByRole('button', { name: '确认合并' }).click()
    await expect
      .poll(() => page.getByTestId('merge-message').textContent(), { timeout: 30_000 })
      .toContain(`已将“${copy.name}”并入“${original.name}”`)
    const stored = await db.query(
      `SELECT (SELECT doc->>'mergedInto' FROM customers WHERE id = 'e2e-dup-1') AS merged,
              (SELECT customer_id FROM contacts WHERE id = 'e2e-dup-contact') AS contact_of`,
    )
    expect(stored.rows[0]).toEqual({ merged: original.id, contact_of: original.id })
    await expect
      .poll(() =>
        page
          .getByTestId('duplicate-pair')
          .filter({ hasText: copy.name as string })
          .count(),
      )
      .toBe(0)
  }, 180_000)
})

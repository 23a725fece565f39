import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { startE2eServer } from '../support/server.ts'
import { signInAt } from '../support/sign-in.ts'

type Profile = Awaited<ReturnType<typeof launchProfile>>

describe('a supervisor corrects a rep’s visit and cancels its order from the review', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let sup: Profile
  let page: Page

  beforeAll(async () => {
    server = await startE2eServer({ customers: 40 })
    sup = await launchProfile({ viewport: { width: 1280, height: 900 } })
    page = await signInAt(sup, server.url, 'sup1@outrider.demo', '/review')
  })
  afterAll(async () => {
    await sup?.close()
    await server?.stop()
  })

  const stored = async (table: 'visits' | 'orders', revisionOf: string) =>
    (
      await server.db.pool.query<{ revision: number; author_id: string; doc: Record<string, unknown> }>(
        `SELECT revision, author_id, doc FROM ${table} WHERE revision_of = $1 ORDER BY revision DESC LIMIT 1`,
        [revisionOf],
      )
    ).rows[0]

  it('the drawer shows the history, and both corrections reach the server as the rep’s records, audited', async () => {
    // A visit of rep 1 (supervisor 1's team) with an order taken at it, never corrected.
    const { rows } = await server.db.pool.query<{ id: string; name: string; order_id: string }>(
      `SELECT v.id, c.doc->>'name' AS name, o.id AS order_id
         FROM visits v JOIN customers c ON c.id = v.customer_id
         JOIN orders o ON o.doc->>'visitId' = v.id AND o.id = o.revision_of
        WHERE v.owner_rep_id = 'u-rep-1' AND v.id = v.revision_of
          AND NOT EXISTS (SELECT 1 FROM visits r WHERE r.revision_of = v.id AND r.id <> v.id)
          AND NOT EXISTS (SELECT 1 FROM orders r WHERE r.revision_of = o.id AND r.id <> o.id)
        ORDER BY v.check_in_at DESC LIMIT 1`,
    )
    const visit = rows[0]!
    await expect
      .poll(async () => (await page.getByTestId('visit-count').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/共 [1-9]\d* 次拜访/)
    await page.getByLabel('业务员').first().selectOption('u-rep-1')
    await page.getByRole('searchbox', { name: '客户', exact: true }).fill(visit.name)
    await page.locator(`[data-visit-id="${visit.id}"] button`).first().click()
    const detail = page.getByTestId('visit-detail')
    const trail = detail.getByTestId('visit-corrections')
    await expect.poll(() => trail.textContent()).toContain('未更正')
    expect(await trail.getByTestId('visit-order').count()).toBe(1)

    // The visit's notes, with a reason.
    await trail.getByRole('button', { name: '更正或作废' }).first().click()
    const form = trail.getByRole('form', { name: '更正此记录' })
    await form.getByLabel('备注').fill('客户要求下周补货')
    await form.getByLabel('更正原因').fill('漏记客户要求')
    await form.getByRole('button', { name: '保存更正' }).click()
    await expect.poll(async () => (await stored('visits', visit.id))?.revision, { timeout: 30_000 }).toBe(2)
    const corrected = (await stored('visits', visit.id))!
    // The visit stays the rep's; the supervisor is named as who corrected it, with the reason.
    expect([corrected.author_id, corrected.doc.revisedBy, corrected.doc.notes]).toEqual([
      'u-rep-1',
      'u-sup-1',
      '客户要求下周补货',
    ])
    expect(corrected.doc.reason).toBe('漏记客户要求')
    // The drawer now shows the new revision and the history of both.
    const history = page.getByTestId('visit-detail').getByTestId('revision-history').first()
    await expect
      .poll(() => history.locator('summary').textContent(), { timeout: 15_000 })
      .toBe('已更正 1 次：历史')
    await history.locator('summary').click()
    expect(await history.getByTestId('revision').count()).toBe(2)
    expect(await history.textContent()).toContain('原因：漏记客户要求')

    // The order taken at the visit, cancelled.
    const order = page.getByTestId('visit-detail').getByTestId('visit-order')
    await order.getByRole('button', { name: '更正或作废' }).click()
    await order.getByLabel('更正原因').fill('客户退单')
    await order.getByRole('button', { name: '作废订单' }).click()
    await expect
      .poll(async () => (await stored('orders', visit.order_id))?.doc.status, { timeout: 30_000 })
      .toBe('cancelled')
    expect((await stored('orders', visit.order_id))?.doc.revisedBy).toBe('u-sup-1')
    await expect.poll(() => order.textContent(), { timeout: 15_000 }).toContain('已取消')

    const { rows: audit } = await server.db.pool.query<{ action: string; actor_id: string }>(
      `SELECT action, actor_id FROM audit_log WHERE target_id = ANY($1::text[]) ORDER BY id`,
      [[visit.id, visit.order_id]],
    )
    expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
      ['visits.correct', 'u-sup-1'],
      ['orders.cancel', 'u-sup-1'],
    ])
  })
})

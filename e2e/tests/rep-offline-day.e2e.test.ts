import { readFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations } from '../support/axe.ts'
import { launchProfile } from '../support/browser.ts'
import { pickDate } from '../support/date-picker.ts'
import { startE2eServer } from '../support/server.ts'
import { signIn, submitSignIn } from '../support/sign-in.ts'

/** A small, valid PNG (a coloured square) built in memory: the phone's camera in this test. */
function pngSquare(size: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf: Buffer) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).fill(Buffer.from(rgb))])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// The whole page but the shell's online badge (.conn, app/styles.css).
const SCREEN_AND_NAV = { exclude: [['.conn']] }

describe('a rep’s day recorded entirely offline', () => {
  let server: Awaited<ReturnType<typeof startE2eServer>>
  let browser: Awaited<ReturnType<typeof launchProfile>>

  beforeAll(async () => {
    server = await startE2eServer({ customers: 60 })
    browser = await launchProfile()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  it('check-in with GPS, order, satisfaction, complaint, photo and follow-up offline arrive exactly once after reconnecting', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, c.name, c.doc->'location' AS loc, u.id AS rep_id FROM customers c JOIN users u ON u.id = c.owner_rep_id
       WHERE u.email = $1 AND jsonb_typeof(c.doc->'location') = 'object' ORDER BY c.id LIMIT 1`,
      [rep.email],
    )
    const customer = rows[0] as {
      id: string
      name: string
      loc: { lat: number; lng: number }
      rep_id: string
    }
    expect(customer).toBeDefined()
    const { context } = browser
    await context.grantPermissions(['geolocation'], { origin: server.url })
    // About 100 m north of the shop.
    await context.setGeolocation({
      latitude: customer.loc.lat + 0.0009,
      longitude: customer.loc.lng,
      accuracy: 15,
    })

    const page = await context.newPage()
    await signIn(page, server.url, rep, 'online')
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 })
      .toBe(true)
    // Wait until the customer and the product catalogue are on the phone.
    await page.goto(`${server.url}/visit/${customer.id}`)
    await expect
      .poll(async () => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 })
      .toContain(customer.name)
    await expect
      .poll(() => page.getByRole('button', { name: '添加产品' }).isEnabled(), { timeout: 60_000 })
      .toBe(true)
    // The phone makes the day's care tasks once it is in sync; let them go out before the signal does,
    // so what waits below is only this visit's records.
    await expect
      .poll(
        () => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('outrider.care.'))),
        {
          timeout: 60_000,
        },
      )
      .toBe(true)
    await page.getByRole('link', { name: '同步' }).click()
    // A first sync also sends the care tasks it made; on a busy machine that takes more than 30 s.
    await expect
      .poll(async () => page.getByTestId('sync-pending').textContent(), { timeout: 90_000 })
      .toBe('0')
    await page.goto(`${server.url}/visit/${customer.id}`)
    await expect
      .poll(() => page.getByRole('button', { name: '添加产品' }).isEnabled(), { timeout: 60_000 })
      .toBe(true)

    await context.setOffline(true)
    await page.reload()
    await expect
      .poll(async () => page.getByTestId('connection').textContent(), { timeout: 30_000 })
      .toBe('离线')

    await page.getByRole('button', { name: '签到' }).click()
    await expect
      .poll(
        async () =>
          (await page
            .getByTestId('gps-distance')
            .textContent({ timeout: 1_000 })
            .catch(() => '')) ?? '',
        {
          timeout: 30_000,
        },
      )
      .toMatch(/距客户地址 (9\d|10\d|11\d) 米/)
    await page.getByLabel('拜访目的').selectOption('sales')
    const note = `离线拜访 ${Date.now()}`
    await page.getByLabel('拜访记录').fill(note)
    await page.getByLabel('拜访结果').selectOption('ordered')

    await page.getByRole('button', { name: '添加产品' }).click()
    const line = page.getByTestId('order-line').first()
    await line.getByLabel('产品').selectOption({ index: 1 })
    await line.getByLabel('数量').fill('3')
    const price = Number(await line.getByLabel('单价').inputValue())
    expect(price).toBeGreaterThan(0)
    await expect
      .poll(async () => page.getByTestId('order-total').textContent())
      .toContain((Math.round(price * 300) / 100).toFixed(2))

    await page.getByRole('radio', { name: '2 分（满分 5）' }).check()
    await page.getByRole('textbox', { name: '投诉', exact: true }).fill('上次送货晚了两天')
    await page.getByLabel('投诉类别').selectOption('delivery')
    await page.getByLabel('拍照或添加照片').setInputFiles({
      name: 'shelf.png',
      mimeType: 'image/png',
      buffer: pngSquare(64, [200, 40, 40]),
    })
    await expect.poll(() => page.getByTestId('photo').count(), { timeout: 15_000 }).toBe(1)
    await page.getByLabel('跟进事项').fill('确认补发货物')
    // The due date is picked on the wheel and shown the Chinese way (年月日), never as mm/dd/yyyy.
    const due = await pickDate(page, '截止日期')
    expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(await page.getByLabel('截止日期').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    expect(await axeViolations(page, SCREEN_AND_NAV)).toEqual([])
    await page.getByRole('button', { name: '签退并保存' }).click()
    await expect.poll(() => page.getByTestId('visit-saved').count(), { timeout: 15_000 }).toBe(1)

    // Still offline: the sync screen counts what waits to be sent.
    await page.getByRole('link', { name: '同步' }).click()
    await expect
      .poll(async () => page.getByTestId('sync-pending').textContent(), { timeout: 15_000 })
      .toBe('5')
    await expect.poll(async () => page.getByTestId('sync-photos').textContent()).toBe('1')
    expect(await axeViolations(page, SCREEN_AND_NAV)).toEqual([])

    // Signing out now would leave all this behind: the app says what, offers an export to a file (the
    // day a phone is replaced), and Cancel keeps the rep signed in.
    await page.getByRole('link', { name: '设置' }).click()
    await page.getByRole('button', { name: '退出登录' }).click()
    const warning = page.getByRole('alertdialog')
    await expect.poll(() => warning.textContent(), { timeout: 15_000 }).toContain('5 条更改')
    expect(await warning.textContent()).toContain('1 张照片')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      warning.getByRole('button', { name: '先导出到文件' }).click(),
    ])
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      user: { email: string }
      pending: { collection: string; doc: Record<string, unknown> | null }[]
      photos: { dataUrl: string }[]
    }
    expect(exported.user.email).toBe(rep.email)
    expect(exported.pending.map((p) => p.collection).sort()).toEqual([
      'complaints',
      'feedback',
      'orders',
      'tasks',
      'visits',
    ])
    expect(exported.pending.find((p) => p.collection === 'visits')?.doc?.notes).toBe(note)
    expect(exported.photos).toHaveLength(1)
    expect(exported.photos[0]!.dataUrl).toMatch(/^data:image\/jpeg;base64,./)
    await warning.getByRole('button', { name: '取消' }).click()
    await expect.poll(() => warning.count()).toBe(0)
    expect(await page.getByTestId('settings-user').textContent()).toContain(rep.email)
    await page.getByRole('link', { name: '同步' }).click()

    const { rows: before } = await server.db.pool.query(
      'SELECT count(*)::int AS n FROM visits WHERE doc->>$1 = $2',
      ['notes', note],
    )
    expect(before[0].n).toBe(0)

    await context.setOffline(false)
    const arrived = async () => {
      const { rows: v } = await server.db.pool.query(
        `SELECT id, doc FROM visits WHERE customer_id = $1 AND doc->>'notes' = $2`,
        [customer.id, note],
      )
      if (v.length !== 1) return { visits: v.length }
      const visitId = v[0].id as string
      const count = async (sql: string) => (await server.db.pool.query(sql, [visitId])).rows[0].n as number
      return {
        visits: v.length,
        orders: await count(`SELECT count(*)::int AS n FROM orders WHERE doc->>'visitId' = $1`),
        feedback: await count(`SELECT count(*)::int AS n FROM feedback WHERE doc->>'visitId' = $1`),
        tasks: await count(`SELECT count(*)::int AS n FROM tasks WHERE doc->>'sourceVisitId' = $1`),
        complaints: await count(`SELECT count(*)::int AS n FROM complaints WHERE doc->>'visitId' = $1`),
        photos: await count('SELECT count(*)::int AS n FROM photos WHERE visit_id = $1'),
      }
    }
    await expect
      .poll(arrived, { timeout: 60_000, interval: 500 })
      .toEqual({ visits: 1, orders: 1, feedback: 1, tasks: 1, complaints: 1, photos: 1 })

    const { rows: detail } = await server.db.pool.query(
      `SELECT v.doc AS visit, o.doc AS "order", f.doc AS feedback, t.doc AS task, p.content_type, length(p.bytes) AS bytes
       FROM visits v JOIN orders o ON o.doc->>'visitId' = v.id JOIN feedback f ON f.doc->>'visitId' = v.id
       JOIN tasks t ON t.doc->>'sourceVisitId' = v.id JOIN photos p ON p.visit_id = v.id WHERE v.doc->>'notes' = $1`,
      [note],
    )
    const d = detail[0]
    expect(d.visit.authorId).toBe(customer.rep_id)
    expect(d.visit.checkInGps.accuracyM).toBe(15)
    expect(d.visit.purpose).toBe('sales')
    expect(d.visit.satisfaction).toBe(2)
    expect(d.visit.photoIds).toHaveLength(1)
    expect(d.order.lines[0].quantity).toBe(3)
    expect(d.feedback.complaint).toMatchObject({ category: 'delivery', status: 'open' })
    // The complaint is its own record, to be handled to the end.
    const { rows: complaint } = await server.db.pool.query(
      'SELECT status, category, assignee_id, doc FROM complaints WHERE doc->>$1 = $2',
      ['visitId', d.visit.id],
    )
    expect(complaint[0]).toMatchObject({ status: 'open', category: 'delivery', assignee_id: customer.rep_id })
    expect(complaint[0].doc.description).toBe('上次送货晚了两天')
    expect(d.task).toMatchObject({
      kind: 'follow_up',
      status: 'open',
      due,
      assigneeId: customer.rep_id,
    })
    expect(d.content_type).toBe('image/jpeg')
    expect(d.bytes).toBeGreaterThan(100)

    // And the phone agrees that nothing is left to send.
    await expect
      .poll(async () => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 })
      .toBe('0')
    await expect
      .poll(async () => page.getByTestId('sync-photos').textContent(), { timeout: 30_000 })
      .toBe('0')
  })

  it('an order corrected offline with a reason shows its history and reaches the server as a new revision', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const page = browser.context.pages().find((p) => p.url().includes('/sync'))!
    const { rows } = await server.db.pool.query(
      `SELECT o.id, o.customer_id, u.id AS rep_id FROM orders o JOIN users u ON u.id = o.author_id
        WHERE u.email = $1 AND o.doc->>'visitId' IS NOT NULL ORDER BY o.received_at DESC LIMIT 1`,
      [rep.email],
    )
    const order = rows[0] as { id: string; customer_id: string; rep_id: string }
    await page.goto(`${server.url}/customers/${order.customer_id}`)
    const item = page.getByTestId('timeline').locator('li.tl-order').first()
    await expect.poll(() => item.textContent(), { timeout: 30_000 }).toContain('1 个品项')
    await browser.context.setOffline(true)
    await item.getByRole('button', { name: '更正或作废' }).click()
    await item.getByLabel(/数量/).first().fill('5')
    await item.getByRole('button', { name: '保存更正' }).click()
    // No reason, no correction.
    await expect.poll(() => item.getByRole('alert').textContent()).toBe('请填写更正原因。')
    await item.getByLabel('更正原因').fill('数量填错了')
    await item.getByRole('button', { name: '保存更正' }).click()
    const history = page.getByTestId('timeline').getByTestId('revision-history').first()
    await expect
      .poll(() => history.locator('summary').textContent(), { timeout: 15_000 })
      .toBe('已更正 1 次：历史')
    await history.locator('summary').click()
    const revisions = history.getByTestId('revision')
    expect(await revisions.count()).toBe(2)
    expect(await revisions.nth(1).textContent()).toMatch(/^第 2 版 · .+ · 原因：数量填错了 · 改动：订单明细$/)

    await browser.context.setOffline(false)
    const stored = async () =>
      (
        await server.db.pool.query(
          `SELECT revision, author_id, doc->>'revisedBy' AS by, doc->>'reason' AS reason,
                  (doc->'lines'->0->>'quantity')::numeric AS quantity
             FROM orders WHERE revision_of = $1 ORDER BY revision`,
          [order.id],
        )
      ).rows.map((r) => ({ ...r, quantity: Number(r.quantity) }))
    await expect.poll(stored, { timeout: 60_000, interval: 500 }).toEqual([
      { revision: 1, author_id: order.rep_id, by: order.rep_id, reason: null, quantity: 3 },
      { revision: 2, author_id: order.rep_id, by: order.rep_id, reason: '数量填错了', quantity: 5 },
    ])
    const { rows: audit } = await server.db.pool.query(
      'SELECT action, actor_id FROM audit_log WHERE target_id = $1',
      [order.id],
    )
    expect(audit).toEqual([{ action: 'orders.correct', actor_id: order.rep_id }])
    await page.getByRole('link', { name: '同步' }).click()
  })

  it('a session refused on reconnect asks for sign-in, and the changes kept meanwhile are sent after it', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const page = browser.context.pages().find((p) => p.url().includes('/sync'))!
    const { rows } = await server.db.pool.query(
      `SELECT t.id, u.id AS rep_id FROM tasks t JOIN users u ON u.id = t.owner_rep_id
       WHERE u.email = $1 AND t.doc->>'title' = '确认补发货物'`,
      [rep.email],
    )
    const task = rows[0] as { id: string; rep_id: string }
    await browser.context.setOffline(true)
    await page.getByRole('link', { name: '任务' }).click()
    await page.getByRole('button', { name: '将“确认补发货物”标为完成' }).click()
    await page.getByTestId('task-confirm-done').click()
    await expect.poll(() => page.getByTestId('task').filter({ hasText: '确认补发货物' }).count()).toBe(0)

    // Meanwhile the session is ended on the server (password reset, admin sign-out …).
    await server.db.pool.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1', [
      task.rep_id,
    ])
    await browser.context.setOffline(false)
    const again = page.getByText('登录已失效，请重新登录')
    await expect.poll(() => again.count(), { timeout: 30_000 }).toBe(1)
    const status = async () =>
      (await server.db.pool.query(`SELECT doc->>'status' AS s FROM tasks WHERE id = $1`, [task.id])).rows[0].s
    expect(await status()).toBe('open')

    await submitSignIn(page, rep)
    await expect.poll(status, { timeout: 60_000, interval: 500 }).toBe('done')
    expect(await again.count()).toBe(0)
    await page.getByRole('link', { name: '设置' }).click()
    await expect.poll(async () => page.getByTestId('settings-user').textContent()).toContain(rep.email)
    expect(await axeViolations(page, SCREEN_AND_NAV)).toEqual([])
  })

  it('a prospect met for the first time offline: the new customer and the visit to it both reach the server', async () => {
    const page = browser.context.pages().find((p) => p.url().includes('/settings'))!
    const name = `地库新客户${Date.now() % 100_000}`
    await browser.context.setOffline(true)
    await page.goto(`${server.url}/customers/new`)
    await page.getByLabel('名称', { exact: true }).fill(name)
    await page.getByLabel('电话', { exact: true }).fill('021 5555 0142')
    await page.getByLabel('地址', { exact: true }).fill('地下车库B2')
    await page.getByLabel('城市', { exact: true }).fill('上海')
    await page.getByRole('button', { name: '保存潜在客户' }).click()
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe(name)
    const customerId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!)

    // The visit is recorded before the customer has ever reached the server.
    await page.goto(`${server.url}/visit/${encodeURIComponent(customerId)}`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 })
      .toContain(name)
    await page.getByRole('button', { name: '签到' }).click()
    await page.getByLabel('拜访目的').selectOption('sales')
    const note = `首次拜访 ${Date.now()}`
    await page.getByLabel('拜访记录').fill(note)
    await page.getByLabel('拜访结果').selectOption('follow_up')
    await page.getByRole('button', { name: '签退并保存' }).click()
    await expect.poll(() => page.getByTestId('visit-saved').count(), { timeout: 15_000 }).toBe(1)

    // Collections replicate independently, so the visit may reach the server first and be refused
    // as "not your customer"; it must be retried once the customer is there, not parked for good.
    await browser.context.setOffline(false)
    const onServer = async () => {
      const { rows } = await server.db.pool.query(
        `SELECT (SELECT count(*)::int FROM customers WHERE id = $1) AS customers,
                (SELECT count(*)::int FROM visits WHERE customer_id = $1 AND doc->>'notes' = $2) AS visits`,
        [customerId, note],
      )
      return rows[0]
    }
    await expect.poll(onServer, { timeout: 60_000, interval: 500 }).toEqual({ customers: 1, visits: 1 })
    await page.goto(`${server.url}/sync`)
    await expect
      .poll(async () => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 })
      .toBe('0')
    expect(await page.getByText('没有被拒绝的更改。').count()).toBe(1)
    // `/sync` is also the websocket's path: the Sync screen still reloads offline, from the service worker.
    await browser.context.setOffline(true)
    await page.reload()
    await expect
      .poll(async () => page.getByTestId('sync-pending').textContent(), { timeout: 30_000 })
      .toBe('0')
    await browser.context.setOffline(false)
  })
})

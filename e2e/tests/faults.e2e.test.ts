import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { launchProfile } from '../support/browser.ts'
import { countPushedRows, startRestartableServer } from '../support/restartable-server.ts'
import { signIn, submitSignIn } from '../support/sign-in.ts'

type Server = Awaited<ReturnType<typeof startRestartableServer>>
type Login = Server['logins'][number]

const connection = (page: Page) => page.getByTestId('connection').textContent()

/** Signs in, waits until the socket is up, then opens `path` and waits for its heading. */
async function openOnline(page: Page, server: Server, who: Login, path: string, heading: string) {
  await signIn(page, server.url, who, 'online')
  await page.goto(`${server.url}${path}`)
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 })
    .toContain(heading)
}

async function firstCustomer(server: Server, who: Login) {
  const { rows } = await server.db.pool.query(
    `SELECT c.id, c.name FROM customers c JOIN users u ON u.id = c.owner_rep_id WHERE u.email = $1 ORDER BY c.id LIMIT 1`,
    [who.email],
  )
  return rows[0] as { id: string; name: string }
}

/**
 * Opens the edit form and types the notes. The notes box is found by a label *prefix*: a label that
 * wraps a text box takes the box's current text into its accessible name.
 */
async function openEditor(page: Page, notes: string) {
  const field = page.getByRole('textbox', { name: /^备注/ })
  const edit = page.getByRole('button', { name: '编辑', exact: true })
  await expect.poll(() => edit.count(), { timeout: 60_000 }).toBeGreaterThan(0)
  if ((await edit.getAttribute('aria-expanded')) !== 'true') await edit.click()
  await expect.poll(() => field.count(), { timeout: 30_000 }).toBe(1)
  await field.fill(notes)
}

async function editNotes(page: Page, notes: string, timeout = 10_000) {
  await openEditor(page, notes)
  await page.getByRole('button', { name: '保存修改' }).click()
  await expect.poll(() => page.getByRole('button', { name: '保存修改' }).count(), { timeout }).toBe(0)
  await expect.poll(() => page.getByText(notes).count(), { timeout }).toBeGreaterThan(0)
}

const storedNotes = (server: Server, id: string) => async () => {
  const { rows } = await server.db.pool.query(`SELECT doc->>'notes' AS notes FROM customers WHERE id = $1`, [
    id,
  ])
  return rows[0]?.notes as string | undefined
}

describe('faults in a real browser: nothing the rep did is lost', () => {
  let server: Server
  /** Each test is a different rep on a fresh phone (its own browser profile). */
  let browser: Awaited<ReturnType<typeof launchProfile>>
  const pushes = countPushedRows()

  beforeAll(async () => {
    server = await startRestartableServer({ customers: 1600 })
  })
  beforeEach(async () => {
    browser = await launchProfile()
  })
  afterEach(async () => {
    await browser?.close()
  })
  afterAll(async () => {
    pushes.stop()
    await server?.stop()
  })

  it('the server dies during a rep’s initial sync; a new instance on the same database finishes it', async () => {
    const rep = server.logins.find((l) => l.role === 'rep')!
    const { rows } = await server.db.pool.query(
      'SELECT count(*)::int AS n FROM customers c JOIN users u ON u.id = c.owner_rep_id WHERE u.email = $1',
      [rep.email],
    )
    const mine = rows[0].n as number
    const page = await browser.context.newPage()
    await signIn(page, server.url, rep, 'submitted')
    // Killed as soon as the device is connected: its first pull pages are in flight or about to be.
    await expect.poll(() => connection(page), { timeout: 60_000, interval: 50 }).toBe('在线')
    await server.kill()
    await expect.poll(() => connection(page), { timeout: 30_000 }).toBe('离线')
    await server.restart()
    await expect
      .poll(async () => (await page.getByTestId('customer-count').textContent()) ?? '', { timeout: 60_000 })
      .toContain(`共 ${mine} 位客户`)
    await page.close()
  })

  it('the network drops while a change is being pushed; it arrives once when the network is back', async () => {
    const rep = server.logins.filter((l) => l.role === 'rep')[1]!
    const customer = await firstCustomer(server, rep)
    const page = await browser.context.newPage()
    await openOnline(page, server, rep, `/customers/${customer.id}`, customer.name)
    const notes = `断网时保存的备注 ${Date.now()}`
    await openEditor(page, notes)
    await page.getByRole('button', { name: '保存修改' }).click()
    // Offline right behind the save: the push is in flight (or not yet sent) when the network goes.
    await browser.context.setOffline(true)
    await expect.poll(() => connection(page), { timeout: 30_000 }).toBe('离线')
    await browser.context.setOffline(false)
    await expect.poll(storedNotes(server, customer.id), { timeout: 60_000, interval: 500 }).toBe(notes)
    const { rows } = await server.db.pool.query(
      `SELECT count(*)::int AS n FROM conflicts WHERE doc_id = $1`,
      [customer.id],
    )
    expect(rows[0].n).toBe(0)
    await page.close()
  })

  it('the session ends while the rep is offline; after signing in again the kept change is pushed', async () => {
    const rep = server.logins.filter((l) => l.role === 'rep')[2]!
    const customer = await firstCustomer(server, rep)
    const page = await browser.context.newPage()
    await openOnline(page, server, rep, `/customers/${customer.id}`, customer.name)
    await browser.context.setOffline(true)
    await expect.poll(() => connection(page), { timeout: 30_000 }).toBe('离线')
    const notes = `离线多日后的备注 ${Date.now()}`
    await editNotes(page, notes)
    // Days pass: the session ends on the server (refresh token expired or revoked) while the phone is away.
    const { rows: u } = await server.db.pool.query('SELECT id FROM users WHERE email = $1', [rep.email])
    await server.app.sessions.endAllFor(u[0].id)
    await browser.context.setOffline(false)
    const again = page.getByRole('button', { name: '登录' })
    await expect.poll(() => again.count(), { timeout: 60_000 }).toBeGreaterThan(0)
    expect(await storedNotes(server, customer.id)()).not.toBe(notes)
    await submitSignIn(page, rep)
    await expect.poll(storedNotes(server, customer.id), { timeout: 60_000, interval: 500 }).toBe(notes)
    await page.close()
  })

  it('two tabs open at once: one replicates, a change is pushed once, the other takes over when it closes', async () => {
    const rep = server.logins.filter((l) => l.role === 'rep')[3]!
    const customer = await firstCustomer(server, rep)
    // A phone of its own: the earlier scenarios left other reps' sessions in the shared profile.
    const phone = await launchProfile()
    const tab1 = await phone.context.newPage()
    await signIn(tab1, server.url, rep, 'submitted')
    await expect.poll(() => connection(tab1), { timeout: 60_000 }).toBe('在线')
    const tab2 = await phone.context.newPage()
    await tab2.goto(`${server.url}/customers/${customer.id}`)
    await tab1.goto(`${server.url}/customers/${customer.id}`)
    for (const tab of [tab1, tab2])
      await expect
        .poll(() => tab.getByRole('heading', { level: 1 }).textContent(), { timeout: 60_000 })
        .toContain(customer.name)
    // One tab holds the socket (RxDB leader election; a reload can move it); the other says who syncs.
    const states = () => Promise.all([connection(tab1), connection(tab2)]).then((s) => s.sort().join(' | '))
    await expect.poll(states, { timeout: 60_000 }).toBe('在线 | 由另一标签页同步')
    const [leader, follower] = (await connection(tab1)) === '在线' ? [tab1, tab2] : [tab2, tab1]
    // A change saved in the tab that does not replicate is pushed by the one that does, once.
    const notes = `两个标签页 ${Date.now()}`
    await editNotes(follower, notes, 30_000)
    await expect.poll(storedNotes(server, customer.id), { timeout: 60_000, interval: 500 }).toBe(notes)
    await expect.poll(() => leader.getByText(notes).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(pushes.sockets.get(customer.id)?.size).toBe(1)
    // The replicating tab closes: the other one takes over and pushes the next change itself.
    await leader.close()
    await expect.poll(() => connection(follower), { timeout: 60_000 }).toBe('在线')
    const later = `接手同步 ${Date.now()}`
    await editNotes(follower, later, 30_000)
    await expect.poll(storedNotes(server, customer.id), { timeout: 60_000, interval: 500 }).toBe(later)
    await follower.close()
    await phone.close()
  })

  it('storage is full while saving a photo: a clear message, and the rest of the visit is kept', async () => {
    const rep = server.logins.filter((l) => l.role === 'rep')[4]!
    const { rows } = await server.db.pool.query(
      `SELECT c.id, c.name, c.lat, c.lng FROM customers c JOIN users u ON u.id = c.owner_rep_id
        WHERE u.email = $1 AND c.lat IS NOT NULL ORDER BY c.id LIMIT 1`,
      [rep.email],
    )
    const customer = rows[0] as { id: string; name: string; lat: number; lng: number }
    // The disk is full for anything large: IndexedDB refuses to store photo blobs, as a full phone would.
    await browser.context.addInitScript(() => {
      for (const method of ['add', 'put'] as const) {
        const original = IDBObjectStore.prototype[method]
        IDBObjectStore.prototype[method] = function (
          this: IDBObjectStore,
          value: unknown,
          key?: IDBValidKey,
        ) {
          const blob = (value as { blob?: unknown } | null)?.blob
          if (blob instanceof Blob && blob.size > 0)
            throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
          return original.call(this, value, key)
        }
      }
    })
    await browser.context.grantPermissions(['geolocation'])
    await browser.context.setGeolocation({ latitude: customer.lat, longitude: customer.lng, accuracy: 10 })
    const page = await browser.context.newPage()
    await openOnline(page, server, rep, `/visit/${customer.id}`, customer.name)
    await page.getByRole('button', { name: '签到' }).click()
    const note = `存储已满时的拜访 ${Date.now()}`
    await page.getByLabel('拜访记录').fill(note)
    await page.getByLabel('拍照或添加照片').setInputFiles({
      name: 'shelf.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
        'base64',
      ),
    })
    await expect
      .poll(
        async () =>
          (await page
            .getByTestId('photo-problem')
            .textContent()
            .catch(() => '')) ?? '',
        { timeout: 15_000 },
      )
      .toContain('存储空间不足')
    expect(await page.getByTestId('photo').count()).toBe(0)
    expect(await page.getByLabel('拜访记录').inputValue()).toBe(note)
    await page.getByLabel('拜访结果').selectOption('interested')
    await page.getByRole('button', { name: '签退并保存' }).click()
    const stored = async () =>
      (await server.db.pool.query(`SELECT count(*)::int AS n FROM visits WHERE doc->>'notes' = $1`, [note]))
        .rows[0].n
    await expect.poll(stored, { timeout: 60_000, interval: 500 }).toBe(1)
    await page.close()
  })
})

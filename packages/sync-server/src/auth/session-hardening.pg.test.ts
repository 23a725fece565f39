import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  PASSWORD,
  seedTinyOrg,
  startTestApp,
  stores,
  type TestDb,
  TestDevice,
  visitDoc,
} from '../testing/index.ts'

type Tokens = Awaited<ReturnType<typeof login>>

describe.each(stores)('session hardening on $name', ({ fresh }) => {
  let tdb: TestDb
  let app: FastifyInstance
  let baseUrl: string
  let wsUrl: string
  // The server's clock runs `skew` ms ahead of the real one, so tests can make tokens expire.
  let skew = 0

  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    })
  const refresh = async (refreshToken: string) => {
    const res = await post('/api/auth/refresh', { refreshToken })
    return { status: res.status, body: (await res.json()) as Tokens & { error?: { code: string } } }
  }
  const me = (accessToken: string) =>
    fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })
  const expiresAtMs = (accessToken: string) =>
    (JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp *
    1000

  beforeAll(async () => {
    tdb = await fresh()
    await seedTinyOrg(tdb.db, { perRep: 2 })
    ;({ app, baseUrl, wsUrl } = await startTestApp(tdb, { now: () => Date.now() + skew }))
  })
  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
  })

  it('refresh tokens rotate; replaying a used one revokes the whole session', async () => {
    const first = await login(baseUrl, 'a1@test.local', PASSWORD)
    const second = await refresh(first.refreshToken)
    expect(second.status).toBe(200)
    expect(second.body.refreshToken).not.toBe(first.refreshToken)
    const third = await refresh(second.body.refreshToken)
    expect(third.status).toBe(200)
    expect((await me(third.body.accessToken)).status).toBe(200)

    // A thief replays the first token: refused, and the legitimate device's session ends too.
    expect(await refresh(first.refreshToken)).toMatchObject({
      status: 401,
      body: { error: { code: 'E_SESSION_REVOKED' } },
    })
    expect((await refresh(third.body.refreshToken)).status).toBe(401)
    expect((await me(third.body.accessToken)).status).toBe(401)
  })

  it('a disabled user cannot refresh or open a socket', async () => {
    const tokens = await login(baseUrl, 'a2@test.local', PASSWORD)
    await tdb.db.pool.query("UPDATE users SET disabled = true WHERE id = 'a2'")
    try {
      expect(await refresh(tokens.refreshToken)).toMatchObject({
        status: 401,
        body: { error: { code: 'E_SESSION_REVOKED' } },
      })
      await expect(TestDevice.connect(wsUrl, tokens.accessToken)).rejects.toThrow(/hello refused/)
    } finally {
      await tdb.db.pool.query("UPDATE users SET disabled = false WHERE id = 'a2'")
    }
  })

  it('after a password change, refresh tokens issued before it are refused', async () => {
    const tokens = await login(baseUrl, 'b1@test.local', PASSWORD)
    await tdb.db.pool.query(
      "UPDATE users SET password_changed_at = now() + interval '1 second' WHERE id = 'b1'",
    )
    expect(await refresh(tokens.refreshToken)).toMatchObject({
      status: 401,
      body: { error: { code: 'E_SESSION_REVOKED' } },
    })
  })

  it('the 11th login attempt for one account within a minute is refused with 429', async () => {
    const statuses: number[] = []
    let last: unknown
    for (let i = 0; i < 11; i++) {
      const res = await post('/api/auth/login', { email: 'sb@test.local', password: `wrong-${i}` })
      statuses.push(res.status)
      last = await res.json()
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429])
    expect(last).toMatchObject({ error: { code: 'E_RATE_LIMITED' } })
    // Even the right password waits out the window: guessing gains nothing.
    expect((await post('/api/auth/login', { email: 'sb@test.local', password: PASSWORD })).status).toBe(429)
  })

  it('logging out closes that session’s live sockets at once with 4001', async () => {
    const tokens = await login(baseUrl, 'sa@test.local', PASSWORD)
    const device = await TestDevice.connect(wsUrl, tokens.accessToken, { deviceId: 'logout' })
    const closed = device.closed()
    expect((await post('/api/auth/logout', {}, tokens.accessToken)).status).toBe(200)
    expect(await device.next((m) => m.type === 'error')).toMatchObject({ code: 'E_TOKEN_EXPIRED' })
    expect(await closed).toMatchObject({ code: 4001 })
  })

  it('a socket does not outlive its access token: closed at expiry, and a push after expiry is refused', async () => {
    const tokens = await login(baseUrl, 'admin@test.local', PASSWORD)
    const expiry = expiresAtMs(tokens.accessToken)

    // A device that stays connected is closed when its token expires, without sending anything.
    skew = expiry - Date.now() - 1_500
    const idle = await TestDevice.connect(wsUrl, tokens.accessToken, { deviceId: 'idle' })
    const idleClosed = idle.closed()
    expect(await idle.next((m) => m.type === 'error')).toMatchObject({ code: 'E_TOKEN_EXPIRED' })
    expect(await idleClosed).toMatchObject({ code: 4001 })

    // A device whose push arrives after expiry (timers can lag behind a clock jump) is refused too.
    skew = 0
    const busy = await TestDevice.connect(wsUrl, tokens.accessToken, { deviceId: 'busy' })
    const busyClosed = busy.closed()
    skew = expiry - Date.now() + 60_000
    busy.send({
      type: 'push',
      id: 'late',
      collection: 'visits',
      rows: [{ newDocumentState: visitDoc('v-after-expiry', 'c-a1-1'), assumedMasterState: null }],
    })
    expect(await busy.next((m) => m.type === 'error')).toMatchObject({ code: 'E_TOKEN_EXPIRED' })
    expect(await busyClosed).toMatchObject({ code: 4001 })
    skew = 0
    const { rows } = await tdb.db.pool.query("SELECT id FROM visits WHERE id = 'v-after-expiry'")
    expect(rows).toEqual([])
  })
})

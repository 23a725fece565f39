import { PROTOCOL_VERSION } from '@outrider/domain'
import type { FastifyInstance } from 'fastify'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  login,
  PASSWORD,
  seedTinyOrg,
  startTestApp,
  stores,
  type TestDb,
  TestDevice,
} from '../testing/index.ts'

const OTHER_ORIGIN = 'https://partner.example.com'

describe.each(stores)('sync socket under bad input on $name', ({ fresh }) => {
  let tdb: TestDb
  let app: FastifyInstance
  let baseUrl: string
  let wsUrl: string
  let token: string
  let digestBefore: string

  /** One hash over every row of every table: bad input must leave stored data exactly as it was. */
  const digest = async () => {
    const { rows: names } = await tdb.db.pool.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
    const parts: string[] = []
    for (const { name } of names) {
      const { rows } = await tdb.db.pool.query<{ h: string }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t`,
      )
      parts.push(`${name}:${rows[0]!.h}`)
    }
    return parts.join(',')
  }
  const hello = (d: TestDevice, extra: Record<string, unknown> = {}) =>
    d.send({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId: 'hostile', ...extra })
  const signedIn = () => TestDevice.connect(wsUrl, token, { deviceId: 'hostile' })
  /** Opens a socket and starts watching for its close at once, so an immediate close is not missed. */
  const open = async (origin?: string) => {
    const d = await TestDevice.raw(wsUrl, origin)
    return { d, closed: d.closed() }
  }
  const nextError = (d: TestDevice) => d.next((m) => m.type === 'error')

  beforeAll(async () => {
    tdb = await fresh()
    await seedTinyOrg(tdb.db, { perRep: 3 })
    ;({ app, baseUrl, wsUrl } = await startTestApp(tdb, { env: { ALLOWED_ORIGINS: OTHER_ORIGIN } }))
    token = (await login(baseUrl, 'a1@test.local', PASSWORD)).accessToken
    digestBefore = await digest()
  })
  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
  })
  afterEach(async () => {
    // After every case: the server still answers and nothing stored has changed.
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200)
    expect(await digest()).toBe(digestBefore)
  })

  it('malformed JSON is answered with E_BAD_JSON and the socket stays usable', async () => {
    const d = await signedIn()
    d.send('{"type": "pull", "id": ')
    expect(await nextError(d)).toMatchObject({ code: 'E_BAD_JSON' })
    expect(await d.request({ type: 'ping' })).toMatchObject({ type: 'pong' })
    d.close()
  })

  it('an unknown message type is answered with E_UNKNOWN_TYPE and the request id', async () => {
    const d = await signedIn()
    d.send({ type: 'dropTables', id: 'x1' })
    expect(await nextError(d)).toMatchObject({ code: 'E_UNKNOWN_TYPE', id: 'x1' })
    expect(await d.request({ type: 'ping' })).toMatchObject({ type: 'pong' })
    d.close()
  })

  it('valid JSON of the wrong shape is answered with E_BAD_MESSAGE naming the field', async () => {
    const d = await signedIn()
    d.send({ type: 'pull', id: 'x2', collection: 'customers', checkpoint: null, limit: 'all of them' })
    expect(await nextError(d)).toMatchObject({
      code: 'E_BAD_MESSAGE',
      id: 'x2',
      details: [expect.objectContaining({ field: 'limit' })],
    })
    d.send({ type: 'push', id: 'x3', collection: 'visits', rows: [{ newDocumentState: 'not a doc' }] })
    expect(await nextError(d)).toMatchObject({ code: 'E_BAD_MESSAGE', id: 'x3' })
    // A well-formed message carrying an invalid document is refused by the document's schema.
    const res = await d.push('visits', [
      { newDocumentState: { id: 'v-junk', customerId: 'c-a1-1', outcome: 42 }, assumedMasterState: null },
    ])
    expect(res).toMatchObject({ type: 'error', code: 'E_VALIDATION' })
    expect(await d.request({ type: 'ping' })).toMatchObject({ type: 'pong' })
    d.close()
  })

  it('an oversized frame gets E_TOO_LARGE and close 1009', async () => {
    const d = await signedIn()
    const closed = d.closed()
    d.send({ type: 'ping', id: 'big', padding: 'x'.repeat(3 * 1024 * 1024) })
    expect(await nextError(d)).toMatchObject({ code: 'E_TOO_LARGE' })
    expect(await closed).toMatchObject({ code: 1009 })
  })

  it('a message flood is slowed with E_RATE_LIMITED, then cut off with close 4029', async () => {
    const d = await signedIn()
    const closed = d.closed()
    for (let i = 0; i < 1_000; i++) d.send({ type: 'ping', id: `f${i}` })
    expect(await d.next((m) => m.type === 'error' && m.code === 'E_RATE_LIMITED')).toBeDefined()
    expect(await closed).toMatchObject({ code: 4029 })
  })

  it('pull or push before hello is refused with close 4001', async () => {
    for (const msg of [
      { type: 'pull', id: 'p1', collection: 'customers', checkpoint: null, limit: 10 },
      {
        type: 'push',
        id: 'p2',
        collection: 'visits',
        rows: [{ newDocumentState: { id: 'v' }, assumedMasterState: null }],
      },
    ]) {
      const { d, closed } = await open()
      d.send(msg)
      expect(await nextError(d)).toMatchObject({ code: 'E_UNAUTHENTICATED' })
      expect(await closed).toMatchObject({ code: 4001 })
    }
  })

  it('a bad token is refused with close 4001', async () => {
    for (const bad of ['not-a-jwt', `${token.slice(0, -4)}AAAA`]) {
      const { d, closed } = await open()
      hello(d, { token: bad })
      expect(await nextError(d)).toMatchObject({ code: 'E_UNAUTHENTICATED' })
      expect(await closed).toMatchObject({ code: 4001 })
    }
  })

  it('a device speaking another protocol version is told to update, with close 4400', async () => {
    const { d, closed } = await open()
    hello(d, { protocol: PROTOCOL_VERSION + 1 })
    expect(await nextError(d)).toMatchObject({ code: 'E_PROTOCOL_VERSION' })
    expect(await closed).toMatchObject({ code: 4400 })
  })

  it('a page from a foreign origin cannot open the socket (4003); the own origin and allowed ones can', async () => {
    const { d, closed } = await open('https://evil.example.net')
    expect(await nextError(d)).toMatchObject({ code: 'E_ORIGIN' })
    expect(await closed).toMatchObject({ code: 4003 })
    for (const origin of [baseUrl, OTHER_ORIGIN]) {
      const ok = await TestDevice.connect(wsUrl, token, { origin, deviceId: 'allowed' })
      expect(await ok.request({ type: 'ping' })).toMatchObject({ type: 'pong' })
      ok.close()
    }
  })
})

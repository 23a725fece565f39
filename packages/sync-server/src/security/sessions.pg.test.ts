import { PROTOCOL_VERSION } from '@outrider/domain'
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
} from '../testing/index.ts'

const PARTNER = 'https://partner.example.com'

describe.each(stores)(
  'sessions and origins: replayed tokens and foreign pages get nothing on $name',
  ({ fresh }) => {
    let tdb: TestDb
    let app: FastifyInstance
    let baseUrl: string
    let wsUrl: string

    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      })
    const me = (token: string) =>
      fetch(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    /** A hello with `token`: the first reply, and how the socket closed. */
    const hello = async (token: string, origin?: string) => {
      const d = await TestDevice.raw(wsUrl, origin)
      const closed = d.closed()
      d.send({ type: 'hello', protocol: PROTOCOL_VERSION, token, deviceId: 'replay' })
      const first = await d.next((m) => m.type === 'welcome' || m.type === 'error')
      if (first.type === 'welcome') d.close()
      return { first, closed: await closed }
    }

    beforeAll(async () => {
      tdb = await fresh()
      await seedTinyOrg(tdb.db, { perRep: 2 })
      ;({ app, baseUrl, wsUrl } = await startTestApp(tdb, { env: { ALLOWED_ORIGINS: PARTNER } }))
    })
    afterAll(async () => {
      await app?.close()
      await tdb?.drop()
    })

    it('after logout, the access token opens neither the API nor the sync socket', async () => {
      const s = await login(baseUrl, 'a1@test.local', PASSWORD)
      expect((await me(s.accessToken)).status).toBe(200)
      expect((await post('/api/auth/logout', {}, s.accessToken)).status).toBe(200)
      const res = await me(s.accessToken)
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(
        /^E_(SESSION_REVOKED|UNAUTHENTICATED)$/,
      )
      const { first, closed } = await hello(s.accessToken)
      expect(first.type).toBe('error')
      expect(closed.code).toBe(4001)
    })

    it('after logout, the refresh token mints nothing', async () => {
      const s = await login(baseUrl, 'a2@test.local', PASSWORD)
      await post('/api/auth/logout', {}, s.accessToken)
      const res = await post('/api/auth/refresh', { refreshToken: s.refreshToken })
      expect(res.status).toBe(401)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('E_SESSION_REVOKED')
    })

    it('a refresh token used twice (stolen and replayed) ends the whole session', async () => {
      const s = await login(baseUrl, 'b1@test.local', PASSWORD)
      const first = await post('/api/auth/refresh', { refreshToken: s.refreshToken })
      expect(first.status).toBe(200)
      const rotated = (await first.json()) as { accessToken: string; refreshToken: string }
      const replay = await post('/api/auth/refresh', { refreshToken: s.refreshToken })
      expect(replay.status).toBe(401)
      // The thief's replay also locks out the tokens minted from it: sign in again.
      expect((await me(rotated.accessToken)).status).toBe(401)
      expect((await post('/api/auth/refresh', { refreshToken: rotated.refreshToken })).status).toBe(401)
    })

    it('a forged or tampered access token is refused', async () => {
      const s = await login(baseUrl, 'sa@test.local', PASSWORD)
      const [h, p, sig] = s.accessToken.split('.')
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>
      const elevated = Buffer.from(JSON.stringify({ ...claims, sub: 'admin', role: 'admin' })).toString(
        'base64url',
      )
      const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')
      for (const token of [
        `${h}.${elevated}.${sig}`,
        `${none}.${elevated}.`,
        `${h}.${p}.${'A'.repeat(sig!.length)}`,
      ]) {
        expect((await me(token)).status).toBe(401)
        expect((await hello(token)).closed.code).toBe(4001)
      }
    })

    it('a page on a disallowed origin cannot open the sync socket; the own and allowed origins can', async () => {
      const token = (await login(baseUrl, 'sb@test.local', PASSWORD)).accessToken
      const evil = await hello(token, 'https://evil.example.com')
      expect(evil.first).toMatchObject({ type: 'error', code: 'E_ORIGIN' })
      expect(evil.closed.code).toBe(4003)
      const own = await hello(token, baseUrl)
      expect(own.first.type).toBe('welcome')
      const partner = await hello(token, PARTNER)
      expect(partner.first.type).toBe('welcome')
    })
  },
)

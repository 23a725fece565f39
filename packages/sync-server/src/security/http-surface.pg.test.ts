import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPostgres, PASSWORD, seedTinyOrg, startTestApp, type TestDb } from '../testing/index.ts'
import { tableDigests } from './security-fixtures.ts'

describe('HTTP surface: security headers and login brute force', () => {
  let tdb: TestDb
  let plain: FastifyInstance
  let behindTls: FastifyInstance
  let plainUrl: string
  let tlsUrl: string

  beforeAll(async () => {
    tdb = await freshPostgres()
    await seedTinyOrg(tdb.db, { perRep: 1 })
    ;({ app: plain, baseUrl: plainUrl } = await startTestApp(tdb))
    ;({ app: behindTls, baseUrl: tlsUrl } = await startTestApp(tdb, { env: { TRUST_PROXY: 'true' } }))
  })
  afterAll(async () => {
    await plain?.close()
    await behindTls?.close()
    await tdb?.drop()
  })

  it('every response carries a strict CSP, nosniff and no framing', async () => {
    for (const path of ['/healthz', '/api/me', '/no/such/page', '/api/auth/login']) {
      const res = await fetch(`${plainUrl}${path}`)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect({ path, csp }).toEqual({ path, csp: expect.stringContaining("frame-ancestors 'none'") })
      expect(csp).toContain("default-src 'self'")
      expect(csp).not.toContain('unsafe-eval')
      expect(csp).toMatch(/script-src 'self'(;|$)/)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('x-frame-options')).toMatch(/^(DENY|SAMEORIGIN)$/)
    }
  })

  it('HSTS is sent only when the server sits behind TLS (TRUST_PROXY)', async () => {
    expect((await fetch(`${plainUrl}/healthz`)).headers.get('strict-transport-security')).toBeNull()
    expect((await fetch(`${tlsUrl}/healthz`)).headers.get('strict-transport-security')).toMatch(
      /max-age=\d{7,}/,
    )
  })

  it('guessing a password is cut off after 10 tries a minute, even when the 11th guess is right', async () => {
    const before = await tableDigests(tdb.db.pool)
    const attempt = (password: string) =>
      fetch(`${plainUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a1@test.local', password }),
      })
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await attempt(`guess-${i}`)).status)
    expect(statuses).toEqual(Array(10).fill(401))
    const blocked = await attempt(PASSWORD)
    expect(blocked.status).toBe(429)
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('E_RATE_LIMITED')
    // Nothing was issued or changed by the attempts.
    expect(await tableDigests(tdb.db.pool)).toEqual(before)
  })
})

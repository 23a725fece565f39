import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, needsRehash, verifyPassword } from '../auth/passwords.ts'
import { freshPostgres, PASSWORD, seedTinyOrg, startTestApp, type TestDb } from '../testing/index.ts'

type Outcome = { status: number; code: string | null }

describe('login limits that hold: one account, one address, and the password hashing itself', () => {
  let tdb: TestDb
  let plain: FastifyInstance
  let proxied: FastifyInstance
  let plainUrl: string
  let proxiedUrl: string

  beforeAll(async () => {
    tdb = await freshPostgres()
    await seedTinyOrg(tdb.db, { perRep: 1 })
    ;({ app: plain, baseUrl: plainUrl } = await startTestApp(tdb))
    ;({ app: proxied, baseUrl: proxiedUrl } = await startTestApp(tdb, {
      env: { TRUST_PROXY: 'true', LOGIN_IP_LIMIT: '5' },
    }))
  })
  afterAll(async () => {
    await plain?.close()
    await proxied?.close()
    await tdb?.drop()
  })

  const attempt = async (base: string, email: string, password: string, from?: string): Promise<Outcome> => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(from ? { 'x-forwarded-for': from } : {}) },
      body: JSON.stringify({ email, password }),
    })
    const body = (await res.json()) as { error?: { code: string } }
    return { status: res.status, code: body.error?.code ?? null }
  }

  it('spelling the e-mail differently (case, spaces) buys no extra guesses; the right password is refused too', async () => {
    const variants = [
      'a2@test.local',
      ' a2@test.local',
      'A2@TEST.LOCAL',
      'a2@test.local\t',
      ' A2@Test.Local ',
    ]
    const outcomes: Outcome[] = []
    for (let i = 0; i < 10; i++) outcomes.push(await attempt(plainUrl, variants[i % 5]!, `guess-${i}`))
    expect(outcomes.every((o) => o.status === 401)).toBe(true)
    for (const v of variants)
      expect(await attempt(plainUrl, v, PASSWORD)).toEqual({ status: 429, code: 'E_RATE_LIMITED' })
  })

  it('one address is cut off after its limit of attempts whatever accounts it tries; others still sign in (behind a trusted proxy)', async () => {
    const outcomes: Outcome[] = []
    for (let i = 0; i < 5; i++)
      outcomes.push(await attempt(proxiedUrl, `nobody-${i}@test.local`, 'guess', '203.0.113.7'))
    expect(outcomes.every((o) => o.status === 401)).toBe(true)
    expect(await attempt(proxiedUrl, 'b1@test.local', PASSWORD, '203.0.113.7')).toEqual({
      status: 429,
      code: 'E_RATE_LIMITED',
    })
    expect((await attempt(proxiedUrl, 'b1@test.local', PASSWORD, '198.51.100.9')).status).toBe(200)
  })

  it('a flood of concurrent logins is answered at once with 503 beyond what hashing can take, not queued without end', async () => {
    const flood = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        attempt(proxiedUrl, `flood-${i}@test.local`, 'guess', `192.0.2.${i + 1}`),
      ),
    )
    const busy = flood.filter((o) => o.status === 503)
    expect(busy.length).toBeGreaterThan(0)
    expect(busy.every((o) => o.code === 'E_RATE_LIMITED')).toBe(true)
    expect(flood.every((o) => o.status === 503 || o.status === 401)).toBe(true)
    // Once the flood is answered, a genuine login goes through.
    expect((await attempt(proxiedUrl, 'sb@test.local', PASSWORD, '198.51.100.10')).status).toBe(200)
  })

  it("a password hashed with older, heavier settings still signs in, and is re-made with today's lighter ones", async () => {
    const heavy = await hashPassword(PASSWORD, { N: 2 ** 15 })
    await tdb.db.pool.query("UPDATE users SET password_hash = $1 WHERE email = 'a1@test.local'", [heavy])
    expect((await attempt(plainUrl, 'a1@test.local', PASSWORD)).status).toBe(200)
    const { rows } = await tdb.db.pool.query<{ password_hash: string }>(
      "SELECT password_hash FROM users WHERE email = 'a1@test.local'",
    )
    const stored = rows[0]?.password_hash ?? ''
    expect(stored).not.toBe(heavy)
    expect(needsRehash(stored)).toBe(false)
    expect(await verifyPassword(PASSWORD, stored)).toBe(true)
    expect((await attempt(plainUrl, 'a1@test.local', PASSWORD)).status).toBe(200)
    expect((await attempt(plainUrl, 'a1@test.local', 'not-it')).status).toBe(401)
  })
})

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
import { tableDigests, textFields, writableCollections, writableDocs } from './security-fixtures.ts'

const payloads = [
  "'; DROP TABLE customers; --",
  "' OR '1'='1",
  '" OR ""="',
  "1; UPDATE users SET role='admin' WHERE '1'='1",
  "x'); DELETE FROM visits; --",
  "\\'; SELECT pg_sleep(3); --",
  '$$; DROP TABLE users; $$',
  "%' AND 1=CAST((SELECT password_hash FROM users LIMIT 1) AS int) --",
  "客户'); TRUNCATE orders; --",
]
const tableOf = (c: string) => (c === 'dayPlans' ? 'day_plans' : c)

describe.each(stores)('SQL injection is stored as data and runs nowhere on $name', ({ fresh }) => {
  let tdb: TestDb
  let app: FastifyInstance
  let baseUrl: string
  let wsUrl: string
  const tokens = new Map<string, string>()

  beforeAll(async () => {
    tdb = await fresh()
    await seedTinyOrg(tdb.db, { perRep: 2 })
    ;({ app, baseUrl, wsUrl } = await startTestApp(tdb))
    for (const u of ['a1', 'sa'])
      tokens.set(u, (await login(baseUrl, `${u}@test.local`, PASSWORD)).accessToken)
  })
  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
  })

  it('in every text field of every writable entity: stored verbatim, nothing else changes', async () => {
    const a1 = await TestDevice.connect(wsUrl, tokens.get('a1')!, { deviceId: 'inject' })
    for (const c of writableCollections) {
      const before = await tableDigests(tdb.db.pool, [tableOf(c)])
      const rows = payloads.map((p, i) => {
        const doc = writableDocs('c-a1-1', `inj-${i}`, 'a1')[c]!
        for (const f of textFields[c]) doc[f] = p
        return { newDocumentState: doc, assumedMasterState: null }
      })
      const res = await a1.push(c, rows)
      expect({ c, type: res.type }).toEqual({ c, type: 'pushResult' })
      for (const [i, p] of payloads.entries()) {
        const { rows: stored } = await tdb.db.pool.query(`SELECT doc FROM ${tableOf(c)} WHERE id = $1`, [
          rows[i]!.newDocumentState.id,
        ])
        for (const f of textFields[c]) expect({ c, f, v: stored[0]?.doc[f] }).toEqual({ c, f, v: p })
      }
      expect(await tableDigests(tdb.db.pool, [tableOf(c)])).toEqual(before)
    }
    // What the device gets back is the same text.
    const customers = await a1.sync('customers', 500)
    expect(payloads.every((p, i) => customers.get(`c-inj-${i}`)?.notes === p)).toBe(true)
    a1.close()
  })

  it('in ids, checkpoints and collection names of sync messages: refused as bad input, nothing changes', async () => {
    const before = await tableDigests(tdb.db.pool)
    const a1 = await TestDevice.connect(wsUrl, tokens.get('a1')!, { deviceId: 'inject-2' })
    for (const p of payloads) {
      const pull = await a1.request({
        type: 'pull',
        collection: 'customers',
        checkpoint: { x: p, t: '0', i: p, sx: '0' },
        limit: 10,
      })
      expect(pull).toMatchObject({ type: 'error', code: 'E_BAD_MESSAGE' })
      const unknown = await a1.request({ type: 'pull', collection: p, checkpoint: null, limit: 10 })
      expect(unknown.type).toBe('error')
      const doc = { ...writableDocs('c-a1-1', 'x', 'a1').visits!, id: p, customerId: p }
      const push = await a1.push('visits', [{ newDocumentState: doc, assumedMasterState: null }])
      expect(push).toMatchObject({ type: 'error', code: 'E_VALIDATION' })
    }
    a1.close()
    expect(await tableDigests(tdb.db.pool)).toEqual(before)
  })

  it('in query strings, paths and bodies of the HTTP API: a clean refusal, nothing changes', async () => {
    const before = await tableDigests(tdb.db.pool, ['refresh_tokens'])
    const auth = { authorization: `Bearer ${tokens.get('sa')}` }
    for (const p of payloads) {
      const q = encodeURIComponent(p)
      const requests: [string, RequestInit][] = [
        [`/api/export/visits.csv?from=${q}&to=${q}&repId=${q}&teamId=${q}`, { headers: auth }],
        [`/api/export/segments.csv?teamId=${q}&segment=${q}`, { headers: auth }],
        [`/api/photos/${q}`, { headers: auth }],
        [`/api/me?id=${q}`, { headers: auth }],
        [`/api/policies?kind=${q}`, { headers: auth }],
        [
          '/api/customers/assign',
          {
            method: 'POST',
            headers: { ...auth, 'content-type': 'application/json' },
            body: JSON.stringify({ customerIds: [p], repId: p }),
          },
        ],
        [
          '/api/auth/refresh',
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ refreshToken: p.padEnd(12, 'x') }),
          },
        ],
      ]
      for (const [path, init] of requests) {
        const res = await fetch(`${baseUrl}${path}`, init)
        expect({ path, status: res.status < 500 }).toEqual({ path, status: true })
      }
    }
    expect(await tableDigests(tdb.db.pool, ['refresh_tokens'])).toEqual(before)
    const { rows } = await tdb.db.pool.query("SELECT role FROM users WHERE id = 'a1'")
    expect(rows).toEqual([{ role: 'rep' }])
  })
})

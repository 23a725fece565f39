import { type Downstream, errorCatalogue, PROTOCOL_VERSION } from '@outrider/domain'
import fc from 'fast-check'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  freshPostgres,
  login,
  PASSWORD,
  seedTinyOrg,
  startTestApp,
  type TestDb,
  TestDevice,
} from '../testing/index.ts'
import { tableDigests, writableDocs } from './security-fixtures.ts'

const documented = new Set([...Object.keys(errorCatalogue), 'E_NOT_FOUND'])

/** Valid messages a hostile client starts from; each is refused or harmless, so no mutation may change data. */
function baseMessages(): Record<string, unknown>[] {
  const foreignVisit = writableDocs('c-b1-1', 'fuzz', 'b1').visits!
  return [
    {
      type: 'push',
      id: 'p1',
      collection: 'visits',
      rows: [{ newDocumentState: foreignVisit, assumedMasterState: null }],
    },
    {
      type: 'push',
      id: 'p2',
      collection: 'products',
      rows: [{ newDocumentState: { id: 'x', name: 'y' }, assumedMasterState: null }],
    },
    { type: 'pull', id: 'q1', collection: 'customers', checkpoint: null, limit: 5 },
    {
      type: 'pull',
      id: 'q2',
      collection: 'visits',
      checkpoint: { x: '0', t: '0', i: '', sx: '1' },
      limit: 1,
    },
    { type: 'ping', id: 'g1' },
    { type: 'hello', protocol: PROTOCOL_VERSION, token: 'not-a-token', deviceId: 'fuzz' },
  ]
}

const paths: (string | number)[][] = [
  ['type'],
  ['id'],
  ['collection'],
  ['rows'],
  ['limit'],
  ['checkpoint'],
  ['checkpoint', 'x'],
  ['rows', 0],
  ['rows', 0, 'assumedMasterState'],
  ['rows', 0, 'newDocumentState', 'id'],
  ['rows', 0, 'newDocumentState', 'customerId'],
  ['rows', 0, 'newDocumentState', 'notes'],
  ['rows', 0, 'newDocumentState', 'orderLines'],
]

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
const weird = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '-0',
    '1e309',
    '__proto__',
    'constructor',
    '',
    '\u0000',
    '\uFFFF',
  ),
  fc.constantFrom(null, true, 0, -1, 2 ** 53, 1e308, [], {}),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.jsonValue({ maxDepth: 4 }),
)

type Mutation =
  | { kind: 'set'; path: (string | number)[]; value: unknown }
  | { kind: 'delete'; path: (string | number)[] }
  | { kind: 'raw'; text: string }

const mutationArb: fc.Arbitrary<{ base: number; mutations: Mutation[] }> = fc.record({
  base: fc.nat(5),
  mutations: fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), value: weird }),
      fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) }),
      fc.record({
        kind: fc.constant('raw' as const),
        text: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.integer({ min: 30, max: 5_000 }).map(nested),
          fc.constantFrom(
            '{"type":"push","id":"z","collection":"visits","rows":[{"__proto__":{"admin":true}}]}',
            '{"type":"pull","id":"z","collection":"customers","checkpoint":null,"limit":5,"constructor":{"prototype":{"x":1}}}',
            '{"type":"ping","id":"z"',
            'null',
            '[]',
            '"ping"',
          ),
        ),
      }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
})

/** Applies mutations to a copy of a valid message; returns the frame text to send. */
function mutate(base: Record<string, unknown>, mutations: Mutation[]): string {
  let msg: unknown = structuredClone(base)
  for (const m of mutations) {
    if (m.kind === 'raw') return m.text
    let target = msg as Record<string | number, unknown>
    for (const key of m.path.slice(0, -1)) {
      const next = target?.[key]
      if (next === null || typeof next !== 'object') {
        target = undefined as never
        break
      }
      target = next as Record<string | number, unknown>
    }
    const last = m.path.at(-1)!
    if (!target) continue
    if (m.kind === 'delete') delete target[last]
    else if (m.path.length === 1 && m.path[0] === 'type' && typeof m.value !== 'string') msg = m.value
    else target[last] = m.value
  }
  return JSON.stringify(msg) ?? 'undefined'
}

type HttpCase = {
  route: { method: string; path: string }
  auth: boolean
  contentType: string
  body: string
  query: Record<string, string>
  header: [string, string]
}

/** Route list from the app itself, so a route added later is fuzzed too. */
function routesOf(app: FastifyInstance): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = []
  const stack: string[] = []
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line)
    if (!m) continue
    const depth = m[1]!.length / 4
    stack.length = depth
    stack.push(m[2]!)
    const path = stack.join('').replace(/:[a-z]+/gi, 'fuzz-1')
    for (const method of m[3]!.split(', ')) if (path !== '/api/auth/logout') out.push({ method, path })
  }
  return out
}

describe('protocol fuzz: hostile frames and requests leave the server up and the data untouched', () => {
  let tdb: TestDb
  let app: FastifyInstance
  let baseUrl: string
  let wsUrl: string
  let token: string
  let httpToken: string
  let before: Record<string, string>

  beforeAll(async () => {
    tdb = await freshPostgres()
    await seedTinyOrg(tdb.db, { perRep: 2 })
    ;({ app, baseUrl, wsUrl } = await startTestApp(tdb))
    token = (await login(baseUrl, 'a1@test.local', PASSWORD)).accessToken
    httpToken = (await login(baseUrl, 'a2@test.local', PASSWORD)).accessToken
    before = await tableDigests(tdb.db.pool, ['refresh_tokens'])
  })
  afterAll(async () => {
    await app?.close()
    await tdb?.drop()
  })

  it('mutated and random websocket messages get documented error codes, and the server keeps answering', async () => {
    let device = await TestDevice.connect(wsUrl, token, { deviceId: 'fuzzer' })
    let closed = device.closed()
    let seq = 0
    await fc.assert(
      fc.asyncProperty(mutationArb, async ({ base, mutations }) => {
        if (device.messages.length > 50) device.messages.splice(0)
        const frame = mutate(baseMessages()[base]!, mutations)
        device.send(frame)
        // Frames of one socket are answered in order: once the ping's pong is back, the fuzz frame was handled.
        const pingId = `ping-${++seq}`
        device.send({ type: 'ping', id: pingId })
        const outcome = await Promise.race([
          device.next((m) => m.type === 'pong' && m.id === pingId, 15_000).then(() => 'answered' as const),
          closed.then((c) => c),
        ])
        const errors = device.messages.filter(
          (m): m is Extract<Downstream, { type: 'error' }> => m.type === 'error',
        )
        for (const e of errors) expect(documented.has(e.code)).toBe(true)
        expect(errors.some((e) => e.code === 'E_INTERNAL')).toBe(false)
        device.messages.splice(0)
        if (outcome !== 'answered') {
          // Only documented close codes (too large, flood, a hello with a bad token).
          expect([1009, 4001, 4029, 4400]).toContain(outcome.code)
          device = await TestDevice.connect(wsUrl, token, { deviceId: 'fuzzer' })
          closed = device.closed()
        }
      }),
      { numRuns: 150, seed: 8 },
    )
    device.close()
    expect(await tableDigests(tdb.db.pool, ['refresh_tokens'])).toEqual(before)
  })

  /** Random requests to every route (except logout, which would end the fuzzer's own session). */
  const requestArb = (): fc.Arbitrary<HttpCase> => {
    const routes = routesOf(app).filter((r) => r.path !== '/sync')
    expect(routes.length).toBeGreaterThan(5)
    return fc.record({
      route: fc.constantFrom(...routes),
      auth: fc.boolean(),
      contentType: fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'x/y',
        '',
      ),
      body: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
        fc.string({ maxLength: 300 }),
      ),
      query: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 30 }), {
        maxKeys: 3,
      }),
      header: fc.tuple(fc.stringMatching(/^x-[a-z]{1,8}$/), fc.stringMatching(/^[ -~]{0,40}$/)),
    })
  }
  const send = async ({ route, auth, contentType, body, query, header }: HttpCase) => {
    const url = new URL(`${baseUrl}${route.path}`)
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
    const headers: Record<string, string> = { [header[0]]: header[1] }
    if (auth) headers.authorization = `Bearer ${httpToken}`
    if (contentType) headers['content-type'] = contentType
    const hasBody = !['GET', 'HEAD'].includes(route.method)
    const res = await fetch(url, { method: route.method, headers, ...(hasBody ? { body } : {}) })
    return { status: res.status, text: await res.text() }
  }

  it('random requests to every HTTP route get a refusal, never a crash or a change', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(), async (req) => {
        const { status } = await send(req)
        expect({ route: req.route, status: status < 500 }).toEqual({ route: req.route, status: true })
      }),
      { numRuns: 200, seed: 8 },
    )
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200)
    expect(await tableDigests(tdb.db.pool, ['refresh_tokens'])).toEqual(before)
  })

  it('every HTTP refusal uses the one error shape with a documented code', async () => {
    await fc.assert(
      fc.asyncProperty(requestArb(), async (req) => {
        const { status, text } = await send(req)
        if (status < 400 || req.route.method === 'HEAD') return
        const body = JSON.parse(text) as { error?: { code?: unknown } }
        const code = String(body.error?.code)
        expect({ route: req.route, code, documented: documented.has(code) }).toEqual({
          route: req.route,
          code,
          documented: true,
        })
      }),
      { numRuns: 200, seed: 8 },
    )
  })
})

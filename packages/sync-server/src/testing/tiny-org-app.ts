import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { PASSWORD, seedTinyOrg } from './fixtures.ts'
import { startTestApp } from './test-app.ts'
import type { TestDb } from './test-db.ts'
import { login, TestDevice } from './ws-client.ts'

// biome-ignore lint/suspicious/noExplicitAny: replies are read loosely; the tests' assertions check their shape
export type Json = Record<string, any>

/**
 * For one `describe` block: a fresh database (from `fresh`, one of `stores`) with the tiny organisation
 * (see `seedTinyOrg`, then `seed` for more) and the app listening on it, set up before its tests and
 * torn down after. Users sign in once each (logins are rate-limited per account, as they should be);
 * `device` connects one.
 */
export function tinyOrgApp(
  fresh: () => Promise<TestDb>,
  opts: { perRep?: number; seed?: (db: TestDb['db']) => Promise<void> } = {},
) {
  let started: { tdb: TestDb; app: FastifyInstance; baseUrl: string; wsUrl: string } | null = null
  const tokens = new Map<string, string>()
  beforeAll(async () => {
    const tdb = await fresh()
    await seedTinyOrg(tdb.db, opts.perRep === undefined ? {} : { perRep: opts.perRep })
    await opts.seed?.(tdb.db)
    const { app, baseUrl, wsUrl } = await startTestApp(tdb)
    started = { tdb, app, baseUrl, wsUrl }
  })
  afterAll(async () => {
    await started?.app.close()
    await started?.tdb.drop()
  })
  const ready = () => {
    if (!started) throw new Error('tinyOrgApp: used outside its tests')
    return started
  }
  const tokenFor = async (user: string) => {
    if (!tokens.has(user))
      tokens.set(user, (await login(ready().baseUrl, `${user}@test.local`, PASSWORD)).accessToken)
    return tokens.get(user)!
  }
  return {
    get tdb() {
      return ready().tdb
    },
    get app() {
      return ready().app
    },
    get baseUrl() {
      return ready().baseUrl
    },
    get wsUrl() {
      return ready().wsUrl
    },
    tokenFor,
    /** One HTTP call as `user` (signed in once); the reply's status and its JSON body ({} when not JSON). */
    as: async (user: string, method: string, url: string, body?: unknown) => {
      const res = await fetch(`${ready().baseUrl}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${await tokenFor(user)}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: res.status, json: (await res.json().catch(() => ({}))) as Json }
    },
    device: async (user: string, deviceId = `dev-${user}`) =>
      TestDevice.connect(ready().wsUrl, await tokenFor(user), { deviceId }),
  }
}

const T0 = '2026-01-01T00:00:00.000Z'

/** A placed order of one line (10 × the price) for the tiny organisation's customers `c-<rep>-<n>`. */
export function tinyOrder(
  id: string,
  customerId: string,
  ownerRepId: string,
  orderedAt: string,
  price: number,
) {
  return {
    id,
    createdAt: T0,
    updatedAt: T0,
    revisionOf: id,
    revision: 1,
    customerId,
    ownerRepId,
    visitId: null,
    orderedAt,
    status: 'placed',
    lines: [{ productId: 'p-1', name: '矿泉水', quantity: 10, unitPrice: price }],
  }
}

/** The team column of a tiny-organisation row: customers `c-b…` are team B's, the others team A's. */
export const tinyTeamOf = (d: Record<string, unknown>) => ({
  team_id: String(d.customerId).startsWith('c-b') ? 'team-b' : 'team-a',
})

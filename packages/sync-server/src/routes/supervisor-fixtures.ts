import { defaultServicePolicy } from '@outrider/domain'
import { bulkInsert, tables } from '../sync/tables.ts'
import type { TestDb } from '../testing/index.ts'
import { tinyOrder as order, tinyTeamOf as teamOf, tinyOrgApp } from '../testing/tiny-org-app.ts'

export const T0 = '2026-01-01T00:00:00.000Z'

/** A policy and a few orders (two reps of team A, one of team B) for the dashboards and exports. */
async function seedPoliciesAndOrders(db: TestDb['db']) {
  await db.tx(async (client) => {
    await bulkInsert(client, tables.policies, [
      { ...structuredClone(defaultServicePolicy), id: 'policy-default', createdAt: T0, updatedAt: T0 },
    ])
    const orders = [
      order('o-1', 'c-a1-1', 'a1', '2026-01-10T02:00:00.000Z', 12),
      order('o-2', 'c-a1-2', 'a1', '2026-01-12T02:00:00.000Z', 30),
      order('o-3', 'c-a1-3', 'a1', '2026-01-15T02:00:00.000Z', 8),
      order('o-4', 'c-b1-1', 'b1', '2026-01-15T02:00:00.000Z', 8),
    ]
    await bulkInsert(client, tables.orders, orders, teamOf)
  })
}

/**
 * The supervisor API's tests (one file per concern: review, policies, import, merge, exports), for one
 * `describe` block: the tiny organisation with four customers a rep, a policy and a few orders, the
 * app on it, `api` to call it as a user (the reply's status, headers, text and JSON) and `query` to
 * read the database.
 */
export function supervisorApi(fresh: () => Promise<TestDb>) {
  const env = tinyOrgApp(fresh, { perRep: 4, seed: seedPoliciesAndOrders })
  const { tokenFor, device } = env
  const api = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await tokenFor(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    const type = res.headers.get('content-type') ?? ''
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: type.includes('json') ? JSON.parse(text) : null,
    }
  }
  const query = async (sql: string, params: unknown[] = []) => (await env.tdb.db.pool.query(sql, params)).rows
  return { env, tokenFor, device, api, query }
}

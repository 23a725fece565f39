import {
  classifyCustomers,
  DEFAULT_TIME_ZONE,
  defaultServicePolicy,
  type OrderFact,
  type PopulationThresholds,
  todayIn,
} from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { bulkInsert, tables } from '../sync/tables.ts'
import { stores, type TestDb } from '../testing/index.ts'
import { tinyOrder as order, tinyTeamOf as teamOf, tinyOrgApp } from '../testing/tiny-org-app.ts'

const T0 = '2026-01-01T00:00:00.000Z'

/** Team A buys little, team B a lot: the organisation's thresholds differ from either team's own. */
async function seedOrders(db: TestDb['db']) {
  await db.tx(async (client) => {
    await bulkInsert(client, tables.policies, [
      { ...structuredClone(defaultServicePolicy), id: 'policy-default', createdAt: T0, updatedAt: T0 },
    ])
    await bulkInsert(
      client,
      tables.orders,
      [
        order('o-1', 'c-a1-1', 'a1', '2026-01-10T02:00:00.000Z', 12),
        order('o-2', 'c-a1-2', 'a1', '2026-03-12T02:00:00.000Z', 30),
        order('o-3', 'c-a1-3', 'a1', '2026-06-15T02:00:00.000Z', 8),
        order('o-4', 'c-a2-1', 'a2', '2026-09-15T02:00:00.000Z', 20),
        order('o-5', 'c-b1-1', 'b1', '2026-10-15T02:00:00.000Z', 800),
        order('o-6', 'c-b1-2', 'b1', '2026-11-15T02:00:00.000Z', 950),
        order('o-7', 'c-b1-2', 'b1', '2026-11-20T02:00:00.000Z', 700),
      ],
      teamOf,
    )
  })
}

describe.each(stores)('population thresholds on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 4, seed: seedOrders })
  const api = async (user: string, method: string, path: string) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await env.tokenFor(user)}` },
    })
    const text = await res.text()
    return {
      status: res.status,
      text,
      json: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null,
    }
  }
  const byId = (docs: PopulationThresholds[]) => new Map(docs.map((d) => [d.id, d]))

  it('a supervisor recomputes them; every device pulls the organisation’s and each team’s, with day and population', async () => {
    expect((await api('a1', 'POST', '/api/thresholds/recompute')).status).toBe(403)
    const res = await api('sa', 'POST', '/api/thresholds/recompute')
    expect(res.status).toBe(200)
    const stored = byId(res.json)
    const org = stored.get('thresholds-organisation')
    expect(org?.version).toBe(1)
    expect(org?.thresholds.asOf).toBe(todayIn(DEFAULT_TIME_ZONE))
    expect(org?.thresholds.population).toMatchObject({ scope: 'organisation', customers: 12, buyers: 6 })
    expect(stored.get('thresholds-team-team-b')?.thresholds.population).toMatchObject({
      scope: 'team',
      teamId: 'team-b',
      buyers: 2,
    })
    // Team B's big spenders make the organisation's tier A cut-off higher than team A's own.
    expect(org?.thresholds.tierMoney.a).toBeGreaterThan(
      stored.get('thresholds-team-team-a')?.thresholds.tierMoney.a ?? Number.POSITIVE_INFINITY,
    )
    const phone = await env.device('a1')
    const pulled = await phone.sync('populationThresholds')
    expect(pulled.get('thresholds-organisation')).toMatchObject({ version: 1, thresholds: org?.thresholds })
    phone.close()
  })

  it('nothing new keeps the version; new orders give the next one', async () => {
    const again = byId((await api('sa', 'POST', '/api/thresholds/recompute')).json)
    expect(again.get('thresholds-organisation')?.version).toBe(1)
    await env.tdb.db.tx((client) =>
      bulkInsert(
        client,
        tables.orders,
        [order('o-8', 'c-a2-2', 'a2', '2026-11-01T02:00:00.000Z', 50)],
        teamOf,
      ),
    )
    const next = byId((await api('sa', 'POST', '/api/thresholds/recompute')).json)
    expect(next.get('thresholds-organisation')?.version).toBe(2)
    expect(next.get('thresholds-organisation')?.thresholds.population.buyers).toBe(7)
    expect(next.get('thresholds-team-team-b')?.version).toBe(1)
  })

  it('segments.csv agrees, customer by customer, with a phone classifying only its own customers', async () => {
    const stored = byId((await api('sa', 'GET', '/api/thresholds')).json)
    const thresholds = stored.get('thresholds-organisation')?.thresholds ?? null
    expect(thresholds).not.toBeNull()
    const csv = (await api('sa', 'GET', '/api/export/segments.csv?lang=en')).text
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','))
    const orders = (await env.tdb.db.pool.query<{ doc: OrderFact }>('SELECT doc FROM orders')).rows
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const id = row[0] as string
      // The rep's phone holds this customer and its orders only.
      const own = classifyCustomers(
        { customers: [{ id }], orders: orders.map((o) => o.doc).filter((o) => o.customerId === id) },
        defaultServicePolicy,
        todayIn(DEFAULT_TIME_ZONE),
        { thresholds },
      )
      if (!own.ok) throw new Error(own.error.message)
      const p = own.value.profiles[0]
      expect([row[3], row[4], Number(row[6])], id).toEqual([p?.tier, p?.segmentLabel?.en ?? '', p?.score])
    }
  })
})

import { defaultServicePolicy } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { bulkInsert, tables } from '../sync/tables.ts'
import { stores, type TestDb } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

const T0 = '2026-01-01T00:00:00.000Z'

async function seedPolicy(db: TestDb['db']) {
  await db.tx((client) =>
    bulkInsert(client, tables.policies, [
      { ...structuredClone(defaultServicePolicy), id: 'policy-default', createdAt: T0, updatedAt: T0 },
    ]),
  )
}

describe.each(stores)('the organisation’s service policy on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 1, seed: seedPolicy })
  const put = async (user: string, body: unknown) => {
    const res = await fetch(`${env.baseUrl}/api/policies/policy-default`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await env.tokenFor(user)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: res.status, json: (await res.json()) as { error?: { code: string } } }
  }
  /** Tier A's visit cycle as the other team's rep's device holds it after a sync. */
  const cycleOnB1 = async () => {
    const b1 = await env.device('b1', `b1-${crypto.randomUUID()}`)
    const policies = await b1.sync('policies')
    b1.close()
    const policy = policies.get('policy-default') as unknown as { tiers: { A: { visitEveryDays: number } } }
    return policy.tiers.A.visitEveryDays
  }
  const withTierACycle = (days: number) => ({
    ...structuredClone(defaultServicePolicy),
    id: 'policy-default',
    createdAt: T0,
    updatedAt: T0,
    tiers: { ...defaultServicePolicy.tiers, A: { ...defaultServicePolicy.tiers.A, visitEveryDays: days } },
  })

  it('a supervisor cannot change it (it would change the other team’s service); an admin can', async () => {
    const before = defaultServicePolicy.tiers.A.visitEveryDays
    const next = before === 3 ? 4 : 3
    const refused = await put('sa', withTierACycle(next))
    expect([refused.status, refused.json.error?.code]).toEqual([403, 'E_FORBIDDEN'])
    expect(await cycleOnB1()).toBe(before)

    expect((await put('admin', withTierACycle(next))).status).toBe(200)
    expect(await cycleOnB1()).toBe(next)
  })
})

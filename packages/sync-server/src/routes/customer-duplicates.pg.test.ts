import { httpApi } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

/** The tiny organisation's customers share a phone, an address and a spot: each is a duplicate of the others. */
describe.each(stores)('duplicates in the console on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 2 })
  const call = async (user: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await env.tokenFor(user)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: res.status, json: await res.json() }
  }
  const list = async (user: string) => {
    const r = await call(user, 'GET', httpApi.listDuplicateCustomers.path)
    return {
      status: r.status,
      body: r.status === 200 ? httpApi.listDuplicateCustomers.response.parse(r.json) : null,
    }
  }
  const idsIn = (body: NonNullable<Awaited<ReturnType<typeof list>>['body']>) =>
    [...new Set(body.pairs.flatMap((p) => [p.a, p.b]))].sort()

  it('a supervisor sees the candidates of their own team only, each side with its contacts and history', async () => {
    const a = await list('sa')
    expect(a.status).toBe(200)
    expect(idsIn(a.body!)).toEqual(['c-a1-1', 'c-a1-2', 'c-a2-1', 'c-a2-2'])
    expect(a.body!.pairs[0]!.reasons.map((r) => r.zh).join('；')).toContain('电话')
    const side = a.body!.customers['c-a1-1']!
    expect(side).toMatchObject({ orders: 0, visits: 1, owner: 'A1', contacts: [] })
    expect(side.customer).toMatchObject({ id: 'c-a1-1', phone: '13800000000', teamId: 'team-a' })

    expect(idsIn((await list('sb')).body!)).toEqual(['c-b1-1', 'c-b1-2'])
    expect(idsIn((await list('admin')).body!)).toHaveLength(6)
    expect((await list('a1')).status).toBe(403)
  })

  it('a supervisor cannot merge another team’s customers; merging their own removes the pair', async () => {
    const refused = await call('sa', 'POST', httpApi.mergeCustomers.path, {
      survivorId: 'c-b1-1',
      duplicateId: 'c-b1-2',
    })
    expect(refused.status).toBe(403)
    expect(idsIn((await list('sb')).body!)).toEqual(['c-b1-1', 'c-b1-2'])

    const merged = await call('sa', 'POST', httpApi.mergeCustomers.path, {
      survivorId: 'c-a1-1',
      duplicateId: 'c-a1-2',
    })
    expect(merged.status).toBe(200)
    const after = (await list('sa')).body!
    expect(idsIn(after)).toEqual(['c-a1-1', 'c-a2-1', 'c-a2-2'])
    // The survivor now holds the duplicate's visit.
    expect(after.customers['c-a1-1']?.visits).toBe(2)
  })
})

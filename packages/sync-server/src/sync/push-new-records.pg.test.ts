import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stores, type TestDevice, visitDoc } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

// A rep's new visits on their own customers take one round trip (push-new-records.ts); every other
// case falls back to the general path. These pin down that both give the same stored result.
describe.each(stores)('a rep’s new records in one round trip, on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 4 })
  let device: TestDevice
  const query = async (sql: string, params: unknown[] = []) => (await env.tdb.db.pool.query(sql, params)).rows
  const push = (docs: Record<string, unknown>[]) =>
    device.push(
      'visits',
      docs.map((d) => ({ newDocumentState: d, assumedMasterState: null })),
    )

  beforeAll(async () => {
    device = await env.device('a1', 'fast-path')
  })
  afterAll(() => device?.close())

  it('stores new visits with every server-owned field, whatever the device claimed', async () => {
    const forged = {
      ownerRepId: 'b1',
      authorId: 'b1',
      review: { status: 'approved' },
      receivedAt: '2000-01-01',
    }
    const res = await push([visitDoc('v-fast-1', 'c-a1-1', forged), visitDoc('v-fast-2', 'c-a1-2', forged)])
    expect(res).toMatchObject({ type: 'pushResult', applied: 2, conflicts: [] })
    const rows = await query(
      `SELECT id, owner_rep_id, team_id, doc FROM visits WHERE id IN ('v-fast-1', 'v-fast-2') ORDER BY id`,
    )
    expect(rows).toHaveLength(2)
    for (const r of rows) {
      expect(r).toMatchObject({ owner_rep_id: 'a1', team_id: 'team-a' })
      expect(r.doc).toMatchObject({ ownerRepId: 'a1', authorId: 'a1', review: { status: 'pending' } })
      expect(r.doc.receivedAt).not.toBe('2000-01-01')
    }
  })

  it('a re-sent batch with one new visit applies only the new one', async () => {
    const before = await query(`SELECT doc FROM visits WHERE id = 'v-fast-1'`)
    const res = await push([visitDoc('v-fast-1', 'c-a1-1'), visitDoc('v-fast-3', 'c-a1-3')])
    expect(res).toMatchObject({ type: 'pushResult', applied: 1 })
    expect(await query(`SELECT doc FROM visits WHERE id = 'v-fast-1'`)).toEqual(before)
    expect(await query(`SELECT count(*)::int AS n FROM visits WHERE id = 'v-fast-3'`)).toEqual([{ n: 1 }])
  })

  it('a visit on another rep’s customer refuses the whole batch, the rep’s own visit included', async () => {
    const res = await push([visitDoc('v-fast-4', 'c-a1-1'), visitDoc('v-fast-5', 'c-b1-1')])
    expect(res).toMatchObject({ type: 'error', code: 'E_FORBIDDEN', details: [{ docId: 'v-fast-5' }] })
    expect(await query(`SELECT id FROM visits WHERE id IN ('v-fast-4', 'v-fast-5')`)).toEqual([])
  })

  it('a customer of the rep filed under another team keeps the customer’s team on its visits', async () => {
    await query(`UPDATE customers SET team_id = 'team-b' WHERE id = 'c-a1-4'`)
    const res = await push([visitDoc('v-fast-6', 'c-a1-4')])
    expect(res).toMatchObject({ type: 'pushResult', applied: 1 })
    expect(await query(`SELECT owner_rep_id, team_id FROM visits WHERE id = 'v-fast-6'`)).toEqual([
      { owner_rep_id: 'a1', team_id: 'team-b' },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { customerDoc, stores, visitDoc } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

describe.each(stores)('replication on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 120 })
  const { tokenFor, device } = env

  it('reports which database it runs on', async () => {
    const res = await fetch(`${env.baseUrl}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: env.tdb.db.kind })
  })

  it('a rep receives exactly their own customers and visits, a supervisor their team’s', async () => {
    const a1 = await device('a1')
    const customers = await a1.sync('customers', 50)
    expect(customers.size).toBe(120)
    expect([...customers.values()].every((c) => c.ownerRepId === 'a1')).toBe(true)
    const visits = await a1.sync('visits', 50)
    expect(visits.size).toBe(120)
    const sa = await device('sa')
    const teamCustomers = await sa.sync('customers', 100)
    expect(teamCustomers.size).toBe(240)
    expect(new Set([...teamCustomers.values()].map((c) => c.ownerRepId))).toEqual(new Set(['a1', 'a2']))
    a1.close()
    sa.close()
  })

  it('a large initial sync is paged and resumes from its checkpoint after a disconnect', async () => {
    const first = await device('a2', 'pager')
    const page1 = await first.pullPage('customers', null, 50)
    expect(page1.documents).toHaveLength(50)
    first.close()
    // A new connection carries on from the stored checkpoint: nothing missing, nothing repeated.
    const again = await device('a2', 'pager')
    again.checkpoints.set('customers', page1.checkpoint)
    const rest = await again.sync('customers', 50)
    const ids = new Set([...page1.documents.map((d) => d.id as string), ...rest.keys()])
    expect(rest.size).toBe(70)
    expect(ids.size).toBe(120)
    again.close()
  })

  it('a push re-sent after a lost acknowledgement is applied once', async () => {
    const a1 = await device('a1')
    const visit = visitDoc('v-retry-1', 'c-a1-1')
    const rows = [{ newDocumentState: visit, assumedMasterState: null }]
    const firstAck = await a1.push('visits', rows)
    expect(firstAck).toMatchObject({ type: 'pushResult', applied: 1, conflicts: [] })
    const resent = await a1.push('visits', rows)
    expect(resent).toMatchObject({ type: 'pushResult', applied: 0, conflicts: [] })
    const { rows: stored } = await env.tdb.db.pool.query(
      "SELECT count(*)::int AS n, min(author_id) AS author FROM visits WHERE id = 'v-retry-1'",
    )
    expect(stored[0]).toEqual({ n: 1, author: 'a1' })
    a1.close()
  })

  it('a push batch touching another rep’s customer is refused whole and changes nothing', async () => {
    const a1 = await device('a1')
    const before = await env.tdb.db.pool.query(
      "SELECT count(*)::int AS n FROM visits WHERE id IN ('v-atomic-ok', 'v-atomic-bad')",
    )
    const res = await a1.push('visits', [
      { newDocumentState: visitDoc('v-atomic-ok', 'c-a1-2'), assumedMasterState: null },
      { newDocumentState: visitDoc('v-atomic-bad', 'c-b1-1'), assumedMasterState: null },
    ])
    expect(res).toMatchObject({ type: 'error', code: 'E_FORBIDDEN' })
    expect(res.type === 'error' && res.details?.map((d) => d.docId)).toEqual(['v-atomic-bad'])
    const after = await env.tdb.db.pool.query(
      "SELECT count(*)::int AS n FROM visits WHERE id IN ('v-atomic-ok', 'v-atomic-bad')",
    )
    expect(after.rows[0].n).toBe(before.rows[0].n)
    a1.close()
  })

  it('server-owned fields sent by a device are ignored', async () => {
    const a1 = await device('a1')
    const forged = customerDoc('c-forged', 'b1', 'team-b', { name: '伪造客户' })
    const res = await a1.push('customers', [{ newDocumentState: forged, assumedMasterState: null }])
    expect(res.type).toBe('pushResult')
    const { rows } = await env.tdb.db.pool.query(
      "SELECT owner_rep_id, team_id, doc->>'ownerRepId' AS doc_owner FROM customers WHERE id = 'c-forged'",
    )
    expect(rows[0]).toEqual({ owner_rep_id: 'a1', team_id: 'team-a', doc_owner: 'a1' })
    const review = await a1.push('visits', [
      {
        newDocumentState: visitDoc('v-forged-review', 'c-a1-3', {
          review: { status: 'approved' },
          authorId: 'sa',
        }),
        assumedMasterState: null,
      },
    ])
    expect(review.type).toBe('pushResult')
    const { rows: v } = await env.tdb.db.pool.query(
      "SELECT author_id, review_status FROM visits WHERE id = 'v-forged-review'",
    )
    expect(v[0]).toEqual({ author_id: 'a1', review_status: 'pending' })
    a1.close()
  })

  it('concurrent edits of different fields both survive; the same field goes to the later edit and the loser is logged', async () => {
    const phone = await device('a1', 'phone')
    const tablet = await device('a1', 'tablet')
    const [base] = [...(await phone.sync('customers', 200)).values()].filter((c) => c.id === 'c-a1-5')
    expect(base).toBeDefined()
    const ancestor = base!
    const clocks = ancestor.clocks as Record<string, string>
    const fromPhone = {
      ...ancestor,
      notes: '电话上的备注',
      phone: '13911112222',
      clocks: { ...clocks, notes: '1767312000000-0000-phone', phone: '1767312000000-0000-phone' },
    }
    const fromTablet = {
      ...ancestor,
      address: '上海市徐汇区新地址8号',
      phone: '13700009999',
      clocks: { ...clocks, address: '1767312005000-0000-tablet', phone: '1767312005000-0000-tablet' },
    }
    expect(
      (await phone.push('customers', [{ newDocumentState: fromPhone, assumedMasterState: ancestor }])).type,
    ).toBe('pushResult')
    const second = await tablet.push('customers', [
      { newDocumentState: fromTablet, assumedMasterState: ancestor },
    ])
    expect(second.type).toBe('pushResult')
    const { rows } = await env.tdb.db.pool.query("SELECT doc FROM customers WHERE id = 'c-a1-5'")
    expect(rows[0].doc).toMatchObject({
      notes: '电话上的备注',
      address: '上海市徐汇区新地址8号',
      phone: '13700009999',
    })
    const { rows: log } = await env.tdb.db.pool.query("SELECT doc FROM conflicts WHERE doc_id = 'c-a1-5'")
    expect(log.map((r) => r.doc)).toEqual([
      expect.objectContaining({ field: 'phone', losingValue: '13911112222', winningValue: '13700009999' }),
    ])
    // The supervisor can read the conflict log.
    const sa = await device('sa')
    const conflicts = await sa.sync('conflicts')
    expect([...conflicts.values()].some((c) => c.docId === 'c-a1-5' && c.field === 'phone')).toBe(true)
    for (const d of [phone, tablet, sa]) d.close()
  })

  it('reassignment: the old rep’s device drops the customer and its history, the new rep’s receives all of it', async () => {
    const a1 = await device('a1', 'a1-reassign')
    const a2 = await device('a2', 'a2-reassign')
    for (const d of [a1, a2]) {
      await d.sync('customers', 500)
      await d.sync('visits', 500)
    }
    expect(a1.local.get('customers')!.has('c-a1-7')).toBe(true)
    expect(a2.local.get('visits')!.has('v-c-a1-7')).toBe(false)

    const accessToken = await tokenFor('sa')
    const res = await fetch(`${env.baseUrl}/api/customers/assign`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ customerIds: ['c-a1-7'], repId: 'a2' }),
    })
    expect(await res.json()).toEqual({ moved: 1 })

    await a1.sync('customers')
    await a1.sync('visits')
    expect(a1.local.get('customers')!.has('c-a1-7')).toBe(false)
    expect(a1.local.get('visits')!.has('v-c-a1-7')).toBe(false)
    await a2.sync('customers')
    await a2.sync('visits')
    expect(a2.local.get('customers')!.get('c-a1-7')).toMatchObject({ ownerRepId: 'a2' })
    expect(a2.local.get('visits')!.has('v-c-a1-7')).toBe(true)
    // The old owner may no longer change it.
    const late = await a1.push('visits', [
      { newDocumentState: visitDoc('v-late', 'c-a1-7'), assumedMasterState: null },
    ])
    expect(late).toMatchObject({ type: 'error', code: 'E_FORBIDDEN' })
    a1.close()
    a2.close()
  })

  it('a supervisor listening live is told about a rep’s push', async () => {
    const sa = await device('sa', 'sa-live')
    const a1 = await device('a1', 'a1-live')
    await a1.push('visits', [{ newDocumentState: visitDoc('v-live-1', 'c-a1-9'), assumedMasterState: null }])
    const hint = await sa.next((m) => m.type === 'changed')
    expect(hint).toMatchObject({ type: 'changed', collections: expect.arrayContaining(['visits']) })
    const visits = await sa.sync('visits', 500)
    expect(visits.has('v-live-1')).toBe(true)
    sa.close()
    a1.close()
  })
})

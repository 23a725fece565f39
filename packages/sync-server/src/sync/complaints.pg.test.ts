import { type Complaint, complaintState } from '@outrider/domain'
import { complaintEdit, recordedComplaint } from '@outrider/domain/testing'
import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { tinyOrgApp } from '../testing/tiny-org-app.ts'

type Doc = Record<string, unknown>

/** A complaint a1 records on their customer, as the phone builds it. */
const recorded = (id: string, customerId: string, atMs: number) =>
  recordedComplaint(id, customerId, 'a1', atMs)

describe.each(stores)('complaints as synced records on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 3 })
  const { device } = env
  const row = async (id: string) =>
    (
      await env.tdb.db.pool.query<{ status: string; assignee_id: string; owner_rep_id: string; doc: Doc }>(
        'SELECT status, assignee_id, owner_rep_id, doc FROM complaints WHERE id = $1',
        [id],
      )
    ).rows[0]

  it('a rep’s complaint reaches the supervisor; a concurrent assignment and start both survive', async () => {
    const t0 = Date.now() - 60_000
    const a1 = await device('a1')
    const ancestor = recorded('cmp-sync-1', 'c-a1-1', t0)
    expect(
      (await a1.push('complaints', [{ newDocumentState: ancestor, assumedMasterState: null }])).type,
    ).toBe('pushResult')
    const sa = await device('sa')
    const seen = (await sa.sync('complaints')).get('cmp-sync-1') as Complaint | undefined
    expect(seen).toMatchObject({ customerId: 'c-a1-1', ownerRepId: 'a1', category: 'delivery' })
    expect((await row('cmp-sync-1'))?.status).toBe('open')

    // Both edit the copy they hold, offline: the supervisor hands it to a2, the rep starts on it.
    const held = seen as Complaint
    const assigned = complaintEdit(
      held,
      { action: 'assign', by: 'sa', note: '请 a2 跟进', stepId: 'st-assign', assigneeId: 'a2' },
      t0 + 2_000,
      'sup-device',
    )
    const started = complaintEdit(
      ancestor,
      { action: 'start', by: 'a1', note: '已联系物流', stepId: 'st-start' },
      t0 + 1_000,
      'rep-device',
    )
    expect(
      (await sa.push('complaints', [{ newDocumentState: assigned, assumedMasterState: held }])).type,
    ).toBe('pushResult')
    expect(
      (await a1.push('complaints', [{ newDocumentState: started, assumedMasterState: ancestor }])).type,
    ).toBe('pushResult')

    const stored = await row('cmp-sync-1')
    const doc = stored?.doc as unknown as Complaint
    expect(doc.steps.map((s) => s.id)).toEqual(['cmp-sync-1-open', 'st-start', 'st-assign'])
    expect(complaintState(doc)).toBe('in_progress')
    expect(stored).toMatchObject({ status: 'in_progress', assignee_id: 'a2', owner_rep_id: 'a1' })
    // The rep's phone gets the merged record back.
    const back = (await a1.sync('complaints')).get('cmp-sync-1') as Complaint | undefined
    expect(back?.steps).toHaveLength(3)
    a1.close()
    sa.close()
  })

  it('a complaint handed to a rep who does not own the customer reaches that rep, who can progress it', async () => {
    const t0 = Date.now() - 50_000
    const a1 = await device('a1')
    const a2 = await device('a2')
    const sa = await device('sa')
    const opened = recorded('cmp-handed', 'c-a1-3', t0)
    expect((await a1.push('complaints', [{ newDocumentState: opened, assumedMasterState: null }])).type).toBe(
      'pushResult',
    )
    // a2 is woken by the assignment that names them, before pulling anything.
    const hint = a2.next((m) => m.type === 'changed')
    const held = (await sa.sync('complaints')).get('cmp-handed') as Complaint
    const assign = (c: Complaint, to: string, atMs: number, stepId: string) =>
      complaintEdit(c, { action: 'assign', by: 'sa', note: '', stepId, assigneeId: to }, atMs, 'sup-device')
    const toA2 = assign(held, 'a2', t0 + 1_000, 'st-to-a2')
    expect((await sa.push('complaints', [{ newDocumentState: toA2, assumedMasterState: held }])).type).toBe(
      'pushResult',
    )
    expect(await hint).toMatchObject({ type: 'changed', collections: expect.arrayContaining(['complaints']) })
    const onA2 = (await a2.sync('complaints')).get('cmp-handed') as Complaint | undefined
    expect(onA2).toMatchObject({ customerId: 'c-a1-3', assigneeId: 'a2', ownerRepId: 'a1' })

    // a2 starts and resolves it from their phone; the customer's owner still sees it, resolved.
    const mine = onA2 as Complaint
    const started = complaintEdit(
      mine,
      { action: 'resolve', by: 'a2', note: '已退款', stepId: 'st-a2-resolve' },
      t0 + 2_000,
      'a2-device',
    )
    const res = await a2.push('complaints', [{ newDocumentState: started, assumedMasterState: mine }])
    expect(res.type).toBe('pushResult')
    expect((await row('cmp-handed'))?.status).toBe('resolved')
    expect((await a1.sync('complaints')).get('cmp-handed')).toMatchObject({ assigneeId: 'a2' })
    expect(complaintState((await a1.sync('complaints')).get('cmp-handed') as Complaint)).toBe('resolved')

    // Handed back to the customer's owner, it leaves a2's phone.
    const now = (await sa.sync('complaints')).get('cmp-handed') as Complaint
    const back = assign(now, 'a1', t0 + 3_000, 'st-back')
    expect((await sa.push('complaints', [{ newDocumentState: back, assumedMasterState: now }])).type).toBe(
      'pushResult',
    )
    expect((await a2.sync('complaints')).has('cmp-handed')).toBe(false)
    expect((await a1.sync('complaints')).get('cmp-handed')).toMatchObject({ assigneeId: 'a1' })
    a1.close()
    a2.close()
    sa.close()
  })

  it('refuses a step that claims another state than its action leads to, and stores nothing', async () => {
    const a1 = await device('a1')
    const forged = recorded('cmp-forged', 'c-a1-2', Date.now() - 60_000)
    forged.steps.push({ id: 'st-x', action: 'close', to: 'open', by: 'a1', at: forged.openedAt, note: '' })
    const res = await a1.push('complaints', [{ newDocumentState: forged, assumedMasterState: null }])
    expect(res).toMatchObject({
      type: 'error',
      code: 'E_VALIDATION',
      details: [
        expect.objectContaining({ field: 'steps.1.to', reason: expect.stringMatching(/close → closed/) }),
      ],
    })
    expect(await row('cmp-forged')).toBeUndefined()
    a1.close()
  })

  it('hands a complaint only to someone of its customer’s team', async () => {
    const a1 = await device('a1')
    const elsewhere = { ...recorded('cmp-other-team', 'c-a1-3', Date.now() - 60_000), assigneeId: 'b1' }
    const res = await a1.push('complaints', [{ newDocumentState: elsewhere, assumedMasterState: null }])
    expect(res).toMatchObject({ type: 'error', code: 'E_FORBIDDEN' })
    expect(await row('cmp-other-team')).toBeUndefined()
    a1.close()
  })
})

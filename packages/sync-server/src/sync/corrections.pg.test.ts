import { describe, expect, it } from 'vitest'
import { tableDigests } from '../security/security-fixtures.ts'
import { stores, visitDoc } from '../testing/index.ts'
import { tinyOrder, tinyOrgApp } from '../testing/tiny-org-app.ts'

type Doc = Record<string, unknown> & { id: string }
type Reply = {
  type: string
  code?: string
  message?: string
  details?: { docId?: string; reason: string }[]
  applied?: number
  conflicts?: Doc[]
}

const T1 = '2026-01-06T00:00:00.000Z'
/** A correction of `original` (its next revision) with a reason, as a device makes it. */
const correction = (
  original: Doc,
  id: string,
  revision: number,
  changes: Record<string, unknown>,
  reason = '数量填错',
) => ({
  ...original,
  ...changes,
  id,
  revisionOf: original.revisionOf,
  revision,
  reason,
  createdAt: T1,
  updatedAt: T1,
})

describe.each(stores)('corrections of orders and visits on $name', ({ fresh }) => {
  const env = tinyOrgApp(fresh, { perRep: 2 })
  const push = async (user: string, collection: string, docs: Doc[], deviceId?: string) => {
    const d = await env.device(user, deviceId)
    const res = (await d.push(
      collection,
      docs.map((doc) => ({ newDocumentState: doc, assumedMasterState: null })),
    )) as Reply
    d.close()
    return res
  }
  const chain = async (table: string, revisionOf: string) =>
    (
      await env.tdb.db.pool.query<{ id: string; revision: number; author_id: string; doc: Doc }>(
        `SELECT id, revision, author_id, doc FROM ${table} WHERE revision_of = $1 ORDER BY revision`,
        [revisionOf],
      )
    ).rows
  const audit = async (targetId: string) =>
    (
      await env.tdb.db.pool.query<{ actor_id: string; action: string; before: Doc | null; after: Doc }>(
        `SELECT actor_id, action, before, after FROM audit_log WHERE target_id = $1 ORDER BY id`,
        [targetId],
      )
    ).rows

  const order = tinyOrder('o-fix', 'c-a1-1', 'a1', '2026-01-05T03:00:00.000Z', 12) as Doc

  it('the author corrects their order and a supervisor of the team cancels it: both revisions kept, with who and why', async () => {
    expect((await push('a1', 'orders', [order])).applied).toBe(1)
    const fixed = correction(order, 'o-fix-2', 2, {
      lines: [{ productId: 'p-1', name: '矿泉水', quantity: 12, unitPrice: 12 }],
    })
    expect((await push('a1', 'orders', [fixed])).applied).toBe(1)
    const cancel = correction(fixed, 'o-fix-3', 3, { status: 'cancelled' }, '客户退单')
    expect(await push('sa', 'orders', [cancel])).toMatchObject({ applied: 1 })

    const rows = await chain('orders', 'o-fix')
    expect(rows.map((r) => [r.id, r.revision, r.author_id, r.doc.revisedBy, r.doc.reason ?? null])).toEqual([
      ['o-fix', 1, 'a1', 'a1', null],
      ['o-fix-2', 2, 'a1', 'a1', '数量填错'],
      // The supervisor's correction stays the rep's record: their name is on it as who corrected it.
      ['o-fix-3', 3, 'a1', 'sa', '客户退单'],
    ])
    const entries = await audit('o-fix')
    expect(entries.map((e) => [e.actor_id, e.action])).toEqual([
      ['a1', 'orders.correct'],
      ['sa', 'orders.cancel'],
    ])
    expect(entries[1]!.before).toMatchObject({ id: 'o-fix-2', status: 'placed' })
    expect(entries[1]!.after).toMatchObject({ id: 'o-fix-3', status: 'cancelled', reason: '客户退单' })

    // The rep's phone pulls the whole history, the cancellation included.
    const phone = await env.device('a1')
    const pulled = await phone.sync('orders')
    phone.close()
    expect(
      [...pulled.values()]
        .filter((o) => o.revisionOf === 'o-fix')
        .map((o) => o.id)
        .sort(),
    ).toEqual(['o-fix', 'o-fix-2', 'o-fix-3'])
  })

  it('a supervisor corrects a rep’s visit; it stays the rep’s visit', async () => {
    const fix = correction(
      visitDoc('v-c-a2-1', 'c-a2-1') as Doc,
      'v-c-a2-1-b',
      2,
      { notes: '补充：店长不在' },
      '漏记',
    )
    expect((await push('sa', 'visits', [fix])).applied).toBe(1)
    const rows = await chain('visits', 'v-c-a2-1')
    expect(rows.at(-1)).toMatchObject({ id: 'v-c-a2-1-b', author_id: 'a2', doc: { revisedBy: 'sa' } })
  })

  it('another rep, or a supervisor of another team, is refused with a reason, and nothing stored changes', async () => {
    const target = tinyOrder('o-other', 'c-a1-2', 'a1', '2026-01-05T03:00:00.000Z', 8) as Doc
    expect((await push('a1', 'orders', [target])).applied).toBe(1)
    const before = await tableDigests(env.tdb.db.pool, ['refresh_tokens'])
    const cancel = (id: string) => correction(target, id, 2, { status: 'cancelled' }, '不要了')

    const byRep = await push('a2', 'orders', [cancel('o-other-a2')])
    expect(byRep).toMatchObject({ type: 'error', code: 'E_FORBIDDEN' })
    expect(byRep.details?.[0]?.reason).toMatch(/customer is not assigned to you/)
    const bySupervisor = await push('sb', 'orders', [cancel('o-other-sb')])
    expect(bySupervisor).toMatchObject({ type: 'error', code: 'E_FORBIDDEN' })
    expect(bySupervisor.details?.[0]?.reason).toMatch(/another rep or team|not assigned/)
    const noReason = await push(
      'a1',
      'orders',
      [cancel('o-other-noreason')].map((d) => ({ ...d, reason: ' ' })),
    )
    expect(noReason).toMatchObject({ type: 'error', code: 'E_VALIDATION' })
    expect(noReason.details?.[0]).toMatchObject({ field: 'reason' })
    expect(await tableDigests(env.tdb.db.pool, ['refresh_tokens'])).toEqual(before)
  })

  it('two devices correcting the same order offline both keep their revision; the later one is the latest', async () => {
    const original = tinyOrder('o-both', 'c-a1-1', 'a1', '2026-01-05T03:00:00.000Z', 5) as Doc
    expect((await push('a1', 'orders', [original])).applied).toBe(1)
    // Both made revision 2 without having seen the other's.
    const fromPhone = correction(
      original,
      'o-both-phone',
      2,
      { lines: [{ productId: 'p-1', name: '矿泉水', quantity: 3, unitPrice: 5 }] },
      '少了',
    )
    const fromDesk = correction(original, 'o-both-desk', 2, { status: 'cancelled' }, '重复下单')
    const [a, b] = await Promise.all([
      push('a1', 'orders', [fromPhone], 'phone-2'),
      push('sa', 'orders', [fromDesk]),
    ])
    expect([a.applied, b.applied]).toEqual([1, 1])
    const rows = await chain('orders', 'o-both')
    expect(rows.map((r) => r.revision)).toEqual([1, 2, 3])
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(['o-both', 'o-both-phone', 'o-both-desk']))
    // The one renumbered gets its stored state back, so its device shows the same history.
    const renumbered = rows[2]!
    const reply = renumbered.id === 'o-both-phone' ? a : b
    expect(reply.conflicts?.map((c) => [c.id, c.revision])).toEqual([[renumbered.id, 3]])
    // A re-sent push of the device's own version stores nothing new.
    const again = await push(renumbered.id === 'o-both-phone' ? 'a1' : 'sa', 'orders', [
      renumbered.id === 'o-both-phone' ? fromPhone : fromDesk,
    ])
    expect(again.applied).toBe(0)
    expect((await chain('orders', 'o-both')).length).toBe(3)
  })
})

import { describe, expect, it } from 'vitest'
import { applyEdit } from './edit.ts'
import { formatStamp } from './hlc.ts'
import { asNewRevision } from './resolve-conflict.ts'
import { makeConflictHandler, type ReplicatedDoc } from './rxdb-conflict-handler.ts'
import { sampleCustomer, sampleVisit } from './sample-records.test-helpers.ts'

const T = Date.parse('2026-03-05T10:00:00.000Z')

describe('makeConflictHandler', () => {
  const base = { ...sampleCustomer(), _deleted: false }

  it('sees documents as equal when only RxDB bookkeeping differs', () => {
    const handler = makeConflictHandler('customers')
    const a = { ...base, _rev: '1-a', _meta: { lwt: 1 }, _attachments: {} }
    const b = { ...base, _rev: '7-b', _meta: { lwt: 9 } }
    expect(handler.isEqual(a, b, 'test')).toBe(true)
    expect(handler.isEqual(a, { ...b, notes: 'x' }, 'test')).toBe(false)
  })

  it('merges the device edit with the master state field by field', async () => {
    const handler = makeConflictHandler('customers')
    const local = applyEdit(base, { phone: '139-1111-1111' }, formatStamp(T, 0, 'dev-a'))
    const master = applyEdit(base, { notes: '周一送货' }, formatStamp(T + 1, 0, 'dev-b'))
    const resolved = await handler.resolve(
      { newDocumentState: local, realMasterState: master, assumedMasterState: base },
      'test',
    )
    expect(resolved).toMatchObject({ phone: '139-1111-1111', notes: '周一送货', _deleted: false })
  })

  it('keeps the stored append-only record and hands the device version back for a new revision', async () => {
    const saved: ReplicatedDoc[] = []
    const handler = makeConflictHandler('visits', {
      onDivergence: (local) => saved.push(asNewRevision(local as ReturnType<typeof visitDoc>, 'visit-2')),
    })
    const master = visitDoc({ receivedAt: '2026-03-02T09:31:00.000Z', authorId: 'rep-1' })
    const local = visitDoc({ notes: '补充：需要回访' })
    const resolved = await handler.resolve({ newDocumentState: local, realMasterState: master }, 'test')
    expect(resolved).toEqual(master)
    expect(saved).toMatchObject([{ id: 'visit-2', revision: 2, notes: '补充：需要回访' }])
  })
})

function visitDoc(overrides: Record<string, unknown>) {
  return { ...sampleVisit(), _deleted: false, ...overrides }
}

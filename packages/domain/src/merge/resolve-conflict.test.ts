import { describe, expect, it } from 'vitest'
import type { Customer } from '../model/customer.ts'
import { customerSchema } from '../model/customer.ts'
import { visitSchema } from '../model/visit.ts'
import { conflictLogEntrySchema } from '../protocol/conflict-log-entry.ts'
import { applyEdit } from './edit.ts'
import { formatStamp } from './hlc.ts'
import { asNewRevision, resolveConflict } from './resolve-conflict.ts'
import { sampleCustomer, sampleVisit } from './sample-records.test-helpers.ts'

const T = Date.parse('2026-03-05T10:00:00.000Z')
const at = (offsetMs: number, device: string) => formatStamp(T + offsetMs, 0, device)

describe('resolveConflict for mergeable records', () => {
  const ancestor = sampleCustomer()

  it('keeps concurrent edits to different fields from both devices', () => {
    const local = applyEdit(ancestor, { phone: '139-1111-1111' }, at(0, 'dev-a'))
    const remote = applyEdit(ancestor, { notes: '周一送货' }, at(1_000, 'dev-b'))
    const { merged, conflicts, outcome } = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor,
      local,
      remote,
    })
    expect(merged).toMatchObject({ phone: '139-1111-1111', notes: '周一送货' })
    expect(conflicts).toEqual([])
    expect(outcome).toBe('merged')
    expect(customerSchema.safeParse(merged).success).toBe(true)
  })

  it('keeps the later edit of the same field and logs the lost one', () => {
    const local = applyEdit(ancestor, { phone: '139-1111-1111' }, at(5_000, 'dev-a'))
    const remote = applyEdit(ancestor, { phone: '138-2222-2222' }, at(1_000, 'dev-b'))
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor,
      local,
      remote,
    })
    expect(merged.phone).toBe('139-1111-1111')
    expect(conflicts).toHaveLength(1)
    const [entry] = conflicts
    expect(entry).toMatchObject({
      collection: 'customers',
      docId: 'cust-1',
      field: 'phone',
      winningValue: '139-1111-1111',
      losingValue: '138-2222-2222',
      losingDeviceId: 'dev-b',
      customerId: 'cust-1',
      ownerRepId: 'rep-1',
      at: '2026-03-05T10:00:05.000Z',
    })
    expect(conflictLogEntrySchema.safeParse(entry).success).toBe(true)
  })

  it('breaks a tie of the same millisecond by device id, on every replica alike', () => {
    const local = applyEdit(ancestor, { city: '杭州' }, at(0, 'dev-a'))
    const remote = applyEdit(ancestor, { city: '苏州' }, at(0, 'dev-b'))
    const one = resolveConflict('mergeable', { collection: 'customers', ancestor, local, remote })
    const other = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor,
      local: remote,
      remote: local,
    })
    expect(one.merged.city).toBe('苏州')
    expect(other.merged.city).toBe('苏州')
    expect(one.conflicts.map((c) => c.id)).toEqual(other.conflicts.map((c) => c.id))
  })

  it('does not log a conflict when only one side changed the field since the ancestor', () => {
    const remote = applyEdit(ancestor, { phone: '138-2222-2222' }, at(1_000, 'dev-b'))
    const local = applyEdit(remote, { phone: '139-1111-1111' }, at(2_000, 'dev-a'))
    const result = resolveConflict('mergeable', { collection: 'customers', ancestor: remote, local, remote })
    expect(result.merged.phone).toBe('139-1111-1111')
    expect(result.conflicts).toEqual([])
  })

  it('keeps the server’s owner even when a device pushes another one', () => {
    const remote = sampleCustomer({
      ownerRepId: 'rep-2',
      teamId: 'team-west',
      serverUpdatedAt: '2026-03-04T00:00:00.000Z',
    })
    const forged: Customer = {
      ...applyEdit(ancestor, { notes: 'x' }, at(0, 'dev-a')),
      ownerRepId: 'rep-1',
      serverUpdatedAt: '2099-01-01T00:00:00.000Z',
    }
    const { merged } = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor,
      local: forged,
      remote,
    })
    expect(merged).toMatchObject({
      ownerRepId: 'rep-2',
      teamId: 'team-west',
      serverUpdatedAt: '2026-03-04T00:00:00.000Z',
      notes: 'x',
    })
  })

  it('reports identical and stale pushes so the server can skip the write', () => {
    const remote = applyEdit(ancestor, { phone: '138-2222-2222' }, at(1_000, 'dev-b'))
    expect(
      resolveConflict('mergeable', { collection: 'customers', ancestor, local: remote, remote }).outcome,
    ).toBe('identical')
    expect(
      resolveConflict('mergeable', { collection: 'customers', ancestor, local: ancestor, remote }).outcome,
    ).toBe('remote_wins')
  })

  it('strips RxDB bookkeeping from the result', () => {
    const local = {
      ...applyEdit(ancestor, { notes: 'n' }, at(0, 'dev-a')),
      _rev: '3-abc',
      _meta: { lwt: 1 },
      _deleted: false,
    }
    const remote = { ...ancestor, _deleted: false }
    const { merged } = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor: null,
      local,
      remote,
    })
    expect(merged).not.toHaveProperty('_rev')
    expect(merged).not.toHaveProperty('_meta')
    expect(merged._deleted).toBe(false)
  })
})

describe('resolveConflict for append-only records', () => {
  const stored = {
    ...sampleVisit(),
    authorId: 'rep-1',
    receivedAt: '2026-03-02T09:31:00.000Z',
    review: { status: 'approved' as const },
  }

  it('treats a re-push of the same visit as a no-op', () => {
    const result = resolveConflict('appendOnly', {
      collection: 'visits',
      ancestor: null,
      local: sampleVisit(),
      remote: stored,
    })
    expect(result).toEqual({ merged: stored, conflicts: [], outcome: 'identical' })
  })

  it('never overwrites a stored visit with a different body', () => {
    const local = sampleVisit({ notes: '改过的记录', satisfaction: 1 })
    const result = resolveConflict('appendOnly', {
      collection: 'visits',
      ancestor: null,
      local,
      remote: stored,
    })
    expect(result.merged).toEqual(stored)
    expect(result.outcome).toBe('append_only_divergence')
  })

  it('turns the divergent version into the next revision of the same visit', () => {
    const local = sampleVisit({ notes: '改过的记录' })
    const revision = asNewRevision({ ...local, authorId: 'rep-9', receivedAt: stored.receivedAt }, 'visit-2')
    expect(revision).toMatchObject({ id: 'visit-2', revisionOf: 'visit-1', revision: 2, notes: '改过的记录' })
    expect(revision).not.toHaveProperty('authorId')
    expect(revision).not.toHaveProperty('receivedAt')
    expect(visitSchema.safeParse(revision).success).toBe(true)
  })
})

describe('resolveConflict for read-only records', () => {
  it('always keeps the server version', () => {
    const product = {
      id: 'p-1',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      price: 3,
    }
    const result = resolveConflict('readOnly', {
      collection: 'products',
      ancestor: null,
      local: { ...product, price: 0 },
      remote: product,
    })
    expect(result).toEqual({ merged: product, conflicts: [], outcome: 'remote_wins' })
  })
})

import type { Customer, Visit } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { buildReviewRows, emptyFilter, filterReviewRows } from './review-rows.ts'

const customer = (id: string, name: string): Customer =>
  ({
    id,
    name,
    location: { lat: 31.23, lng: 121.47 },
    ownerRepId: 'rep-1',
    searchKeys: [],
  }) as unknown as Customer

const visit = (id: string, over: Partial<Visit> = {}): Visit =>
  ({
    id,
    revisionOf: id,
    revision: 1,
    customerId: 'c1',
    checkInAt: '2026-05-01T09:00:00Z',
    checkOutAt: null,
    checkInGps: { lat: 31.23, lng: 121.47, accuracyM: 10, at: '2026-05-01T09:00:00Z' },
    outcome: 'ordered',
    orderLines: [],
    satisfaction: null,
    complaint: null,
    photoIds: [],
    authorId: 'rep-1',
    ...over,
  }) as unknown as Visit

describe('review rows', () => {
  const customers = [customer('c1', '华联超市'), customer('c2', '永辉便利店')]
  const visits = [
    visit('v1'),
    // A correction replaces the original in the log.
    visit('v1b', { revisionOf: 'v1', revision: 2, outcome: 'follow_up' }),
    visit('v2', {
      customerId: 'c2',
      checkInAt: '2026-05-03T09:00:00Z',
      authorId: 'rep-2',
      checkInGps: { lat: 31.3, lng: 121.47, accuracyM: 10, at: '2026-05-03T09:00:00Z' },
    }),
    visit('v3', { checkInAt: '2026-05-02T09:00:00Z', review: { status: 'approved' } }),
  ]
  const rows = buildReviewRows(visits, customers, (id) => (id === 'c2' ? 'A' : 'C'))

  it('lists the latest revision of each visit, newest first', () => {
    expect(rows.map((r) => r.visit.id)).toEqual(['v2', 'v3', 'v1b'])
    expect(rows[2]?.visit.outcome).toBe('follow_up')
  })

  it('filters by rep, outcome, tier, customer name, flags and review status', () => {
    const ids = (f: Partial<typeof emptyFilter>) =>
      filterReviewRows(rows, { ...emptyFilter, ...f }).map((r) => r.visit.id)
    expect(ids({ repId: 'rep-2' })).toEqual(['v2'])
    expect(ids({ outcome: 'follow_up' })).toEqual(['v1b'])
    expect(ids({ tier: 'A' })).toEqual(['v2'])
    expect(ids({ customer: '华联' })).toEqual(['v3', 'v1b'])
    expect(ids({ flaggedOnly: true })).toEqual(['v2'])
    expect(ids({ pendingOnly: true })).toEqual(['v2', 'v1b'])
  })
})

import { type Customer, latestRevisions, type Tier, type Visit } from '@outrider/domain'
import { localDay } from '../../shared/local-day.ts'
import { checkVisit, type VisitCheck } from './visit-flags.ts'

export interface ReviewRow {
  visit: Visit
  customerName: string
  customerLocation: { lat: number; lng: number } | null
  repId: string | null
  tier: Tier | undefined
  day: string
  check: VisitCheck
}

export interface ReviewFilter {
  repId: string
  /** Inclusive local dates (YYYY-MM-DD); empty = open. */
  from: string
  to: string
  outcome: string
  tier: string
  customer: string
  flaggedOnly: boolean
  pendingOnly: boolean
}

export const emptyFilter: ReviewFilter = {
  repId: '',
  from: '',
  to: '',
  outcome: '',
  tier: '',
  customer: '',
  flaggedOnly: false,
  pendingOnly: false,
}

/** One row per visit (its latest revision: corrections replace the original), newest first. */
export function buildReviewRows(
  visits: readonly Visit[],
  customers: readonly Customer[],
  tierOf: (customerId: string) => Tier | undefined,
): ReviewRow[] {
  const byId = new Map(customers.map((c) => [c.id, c]))
  const rows: ReviewRow[] = []
  for (const visit of latestRevisions(visits)) {
    const c = byId.get(visit.customerId)
    const location = c?.location ?? null
    rows.push({
      visit,
      customerName: c?.name ?? visit.customerId,
      customerLocation: location,
      repId: visit.authorId ?? visit.ownerRepId ?? c?.ownerRepId ?? null,
      tier: tierOf(visit.customerId),
      day: localDay(visit.checkInAt),
      check: checkVisit(visit, location),
    })
  }
  return rows.sort((a, b) => (a.visit.checkInAt < b.visit.checkInAt ? 1 : -1))
}

export function filterReviewRows(rows: readonly ReviewRow[], f: ReviewFilter): ReviewRow[] {
  const needle = f.customer.trim().toLowerCase()
  return rows.filter(
    (r) =>
      (!f.repId || r.repId === f.repId) &&
      (!f.from || r.day >= f.from) &&
      (!f.to || r.day <= f.to) &&
      (!f.outcome || r.visit.outcome === f.outcome) &&
      (!f.tier || r.tier === f.tier) &&
      (!needle || r.customerName.toLowerCase().includes(needle)) &&
      (!f.flaggedOnly || r.check.flags.length > 0) &&
      (!f.pendingOnly || (r.visit.review?.status ?? 'pending') === 'pending'),
  )
}

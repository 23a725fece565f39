import { type Customer, latestRevisions, type Tier, type Visit } from '@outrider/domain'
import { organisationDay } from '../../shared/organisation-clock.ts'
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
  policy?: { checkInRadiusM?: number | undefined; timeZone?: string | undefined },
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
      day: organisationDay(visit.checkInAt),
      check: checkVisit(visit, c ?? null, policy),
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

export type ReviewSort = 'newest' | 'oldest' | 'customer' | 'rep'
const sorts: readonly ReviewSort[] = ['newest', 'oldest', 'customer', 'rep']
const textKeys = ['repId', 'from', 'to', 'outcome', 'tier', 'customer'] as const
const flagKeys = ['flaggedOnly', 'pendingOnly'] as const

/** The filter and sort kept in the address (`?repId=…&from=…&sort=oldest`); anything else is ignored. */
export function filterFromParams(params: URLSearchParams): { filter: ReviewFilter; sort: ReviewSort } {
  const filter = { ...emptyFilter }
  for (const k of textKeys) filter[k] = (params.get(k) ?? '').slice(0, 200)
  for (const k of flagKeys) filter[k] = params.get(k) === '1'
  const s = params.get('sort') as ReviewSort | null
  return { filter, sort: s && sorts.includes(s) ? s : 'newest' }
}

/** The address parameters of a filter and sort: only what differs from the default. */
export function filterToParams(filter: ReviewFilter, sort: ReviewSort): URLSearchParams {
  const p = new URLSearchParams()
  for (const k of textKeys) if (filter[k]) p.set(k, filter[k])
  for (const k of flagKeys) if (filter[k]) p.set(k, '1')
  if (sort !== 'newest') p.set('sort', sort)
  return p
}

/** Rows in the chosen order; newest first is the default, ties newest first too. */
export function sortReviewRows(
  rows: readonly ReviewRow[],
  sort: ReviewSort,
  repName: (id: string | null) => string,
): ReviewRow[] {
  const newest = (a: ReviewRow, b: ReviewRow) =>
    a.visit.checkInAt < b.visit.checkInAt ? 1 : a.visit.checkInAt > b.visit.checkInAt ? -1 : 0
  const by: Record<ReviewSort, (a: ReviewRow, b: ReviewRow) => number> = {
    newest,
    oldest: (a, b) => -newest(a, b),
    customer: (a, b) => a.customerName.localeCompare(b.customerName, 'zh-CN') || newest(a, b),
    rep: (a, b) => repName(a.repId).localeCompare(repName(b.repId), 'zh-CN') || newest(a, b),
  }
  return [...rows].sort(by[sort])
}

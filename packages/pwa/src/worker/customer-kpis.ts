import {
  type Complaint,
  complaintState,
  type Feedback,
  latestRevisions,
  type Order,
  orderTotal,
  type Task,
  type Visit,
} from '@outrider/domain'
import type { CustomerKpis } from './insights-types.ts'

const empty = (): CustomerKpis => ({
  orders: 0,
  revenue: 0,
  averageOrderValue: null,
  lastOrderAt: null,
  satisfaction: null,
  openComplaints: 0,
  openTasks: 0,
  lastVisitAt: null,
})

/**
 * Per-customer figures for the customer screen and the visit priority: placed orders (latest revision of
 * each), revenue and order value, last order and visit, average satisfaction (visits and surveys),
 * complaints not yet resolved and open tasks.
 */
export function customerKpis(input: {
  orders: readonly Order[]
  visits: readonly Visit[]
  feedback: readonly Feedback[]
  tasks: readonly Task[]
  /** Complaint records; when given they alone say which complaints are open. */
  complaints?: readonly Complaint[] | undefined
}): Map<string, CustomerKpis> {
  const out = new Map<string, CustomerKpis>()
  const of = (id: string): CustomerKpis => {
    let k = out.get(id)
    if (k === undefined) {
      k = empty()
      out.set(id, k)
    }
    return k
  }
  const ratings = new Map<string, { sum: number; n: number }>()
  const rate = (id: string, score: number | null | undefined) => {
    if (score === null || score === undefined) return
    const r = ratings.get(id) ?? { sum: 0, n: 0 }
    r.sum += score
    r.n++
    ratings.set(id, r)
  }
  for (const o of latestRevisions(input.orders)) {
    if (o.status !== 'placed') continue
    const k = of(o.customerId)
    k.orders++
    k.revenue = Math.round((k.revenue + orderTotal(o.lines)) * 100) / 100
    if (k.lastOrderAt === null || o.orderedAt > k.lastOrderAt) k.lastOrderAt = o.orderedAt
  }
  for (const v of latestRevisions(input.visits)) {
    const k = of(v.customerId)
    if (k.lastVisitAt === null || v.checkInAt > k.lastVisitAt) k.lastVisitAt = v.checkInAt
    rate(v.customerId, v.satisfaction)
  }
  for (const f of latestRevisions(input.feedback)) {
    const k = of(f.customerId)
    rate(f.customerId, f.score)
    if (input.complaints === undefined && f.complaint && f.complaint.status !== 'resolved') k.openComplaints++
  }
  for (const c of input.complaints ?? []) {
    const state = complaintState(c)
    if (!c.deleted && (state === 'open' || state === 'in_progress')) of(c.customerId).openComplaints++
  }
  for (const t of input.tasks) {
    if (t.customerId === null || t.deleted || t.status !== 'open') continue
    of(t.customerId).openTasks++
  }
  for (const [id, k] of out) {
    if (k.orders > 0) k.averageOrderValue = Math.round((k.revenue / k.orders) * 100) / 100
    const r = ratings.get(id)
    if (r) k.satisfaction = Math.round((r.sum / r.n) * 10) / 10
  }
  return out
}

export const emptyKpis = empty

import { type Order, orderTotal } from '../model/index.ts'
import { dayNumber } from './day-number.ts'
import { type SharedOrderWalk, WALK_CHUNK_MASK, WALK_CHUNK_SHIFT } from './shared-order-walk.ts'

/** What the KPIs read of an order. */
export type KpiOrder = Pick<
  Order,
  'revisionOf' | 'revision' | 'customerId' | 'orderedAt' | 'status' | 'lines'
>

/** Per-customer order sums of one KPI run (by index in its customer list). */
export interface OrderSums {
  prev: Uint32Array
  cur: Uint32Array
  toDate: Uint32Array
  revenueCur: Float64Array
  revenueToDate: Float64Array
  skipped: number
}

export interface OrderWindow {
  from: number
  to: number
  prevFrom: number
  asOf: number
}

/**
 * Sums placed orders per customer: orders and revenue to date, in the period, orders in the previous
 * period. With `stopAtRevision`, gives up (returns false) at the first order with revision > 1, so the
 * caller can start over on the newest revisions only.
 */
export function sumOrders(
  orders: readonly KpiOrder[],
  stopAtRevision: boolean,
  walk: SharedOrderWalk | undefined,
  slotOwner: Int32Array | undefined,
  customerOf: (id: string | null) => number,
  window: OrderWindow,
  sums: OrderSums,
): boolean {
  const { from, to, prevFrom, asOf } = window
  const { prev, cur, toDate, revenueCur, revenueToDate } = sums
  const slots = walk?.slots
  const days = walk?.days
  let dates: readonly unknown[] = []
  let ids: readonly unknown[] = []
  // Consecutive orders often repeat a customer or a date; remember the last lookup.
  let prevId: string | null = null
  let prevCi = -1
  let prevDate: string | null = null
  let prevDay = Number.NaN
  for (let k = 0; k < orders.length; k++) {
    const at = k & WALK_CHUNK_MASK
    if (walk !== undefined && at === 0) {
      dates = walk.dates[k >> WALK_CHUNK_SHIFT]!
      ids = walk.customerIds[k >> WALK_CHUNK_SHIFT]!
    }
    const o = orders[k]!
    if (stopAtRevision && o.revision > 1) return false
    if (o.status !== 'placed') continue
    const id = o.customerId
    let ci: number
    const slot = slots === undefined ? -1 : slots[k]!
    if (slot >= 0 && ids[at] === id) ci = slotOwner![slot]!
    else if (id === prevId) ci = prevCi
    else {
      ci = customerOf(id)
      prevId = id
      prevCi = ci
    }
    const date = o.orderedAt
    let d: number
    if (days !== undefined && dates[at] === date && !Number.isNaN(days[k]!)) d = days[k]!
    else {
      if (date !== prevDate) {
        prevDay = dayNumber(date)
        prevDate = date
      }
      d = prevDay
    }
    if (ci < 0 || Number.isNaN(d)) {
      sums.skipped++
      continue
    }
    if (d > asOf) continue
    const total = orderTotal(o.lines)
    toDate[ci]!++
    revenueToDate[ci]! += total
    if (d >= from && d <= to) {
      cur[ci]!++
      revenueCur[ci]! += total
    } else if (d >= prevFrom && d < from) {
      prev[ci]!++
    }
  }
  return true
}

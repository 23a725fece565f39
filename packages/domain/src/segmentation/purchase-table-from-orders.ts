import { dayNumber } from '../analytics/day-number.ts'
import { recordOrderWalk, WALK_CHUNK, WALK_CHUNK_MASK } from '../analytics/shared-order-walk.ts'
import { calendarDayOf } from '../calendar/calendar-day.ts'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'
import type { OrderFact } from './purchase-lines-from-orders.ts'
import type { PurchaseTable } from './purchase-table.ts'
import { PurchaseTableBuilder } from './purchase-table-builder.ts'

/**
 * Purchase table straight from domain orders, without building a line object per order line: only the
 * latest revision of each order counts, cancelled orders are left out; both are counted by their lines.
 */
export function buildPurchaseTableFromOrders(
  orders: readonly OrderFact[],
  asOfDay: number,
  knownCustomerIds: readonly string[] = [],
  beforeFinish?: (builder: PurchaseTableBuilder) => void,
  timeZone: string = DEFAULT_TIME_ZONE,
): PurchaseTable {
  // Corrections are rare: try one pass that assumes none, and redo with the revision map if one shows up.
  return (
    build(orders, asOfDay, knownCustomerIds, null, beforeFinish, timeZone) ??
    (build(
      orders,
      asOfDay,
      knownCustomerIds,
      newestRevisions(orders),
      beforeFinish,
      timeZone,
    ) as PurchaseTable)
  )
}

/** The newest revision number of each record that has more than one. */
function newestRevisions(orders: readonly OrderFact[]): Map<string, number> {
  const newest = new Map<string, number>()
  for (const o of orders) {
    const rev = o.revision ?? 1
    if (rev > 1 && o.revisionOf !== undefined && rev > (newest.get(o.revisionOf) ?? 0))
      newest.set(o.revisionOf, rev)
  }
  return newest
}

/** One pass; with `newest` null it gives up (returns null) at the first order revised more than once. */
function build(
  orders: readonly OrderFact[],
  asOfDay: number,
  knownCustomerIds: readonly string[],
  newest: Map<string, number> | null,
  beforeFinish: ((builder: PurchaseTableBuilder) => void) | undefined,
  timeZone: string,
): PurchaseTable | null {
  // Each order becomes at most one purchase order; lines may outnumber orders, customers grow as needed.
  const b = new PurchaseTableBuilder(asOfDay, orders.length, knownCustomerIds, timeZone)
  // Kept for `computeKpis` over the same orders (see `sharedOrderWalk`). The per-order references live in
  // short chunks: one JS array of an entry per order would cost more to allocate than it saves.
  const count = orders.length
  const days = new Float64Array(count).fill(Number.NaN)
  const slots = new Int32Array(count).fill(-1)
  const dateChunks: unknown[][] = []
  const idChunks: unknown[][] = []
  let dates: unknown[] = []
  let ids: unknown[] = []
  let prevDate: unknown = null
  let prevStrict = Number.NaN
  let prevDay = Number.NaN
  for (let k = 0; k < count; k++) {
    const at = k & WALK_CHUNK_MASK
    if (at === 0) {
      const size = Math.min(WALK_CHUNK, count - k)
      dates = new Array<unknown>(size)
      ids = new Array<unknown>(size)
      dateChunks.push(dates)
      idChunks.push(ids)
    }
    const o = orders[k] as OrderFact
    const lines = o.lines
    const rev = o.revision ?? 1
    if (rev > 1 && newest === null) return null
    if (newest !== null && newest.size > 0 && o.revisionOf !== undefined) {
      const latest = newest.get(o.revisionOf)
      if (latest !== undefined && latest !== rev) {
        b.skip('superseded', lines.length)
        continue
      }
    }
    if (o.status === 'cancelled') {
      b.skip('cancelled', lines.length)
      continue
    }
    const date = o.orderedAt
    if (date !== prevDate) {
      // The strict ISO reading (what KPIs accept) is the common case; other spellings go the long way.
      prevStrict = typeof date === 'string' ? dayNumber(date, timeZone) : Number.NaN
      prevDay =
        Number.isNaN(prevStrict) && typeof date === 'string' ? calendarDayOf(date, timeZone) : prevStrict
      prevDate = date
    }
    dates[at] = date
    days[k] = prevStrict
    const c = b.addOrder(o.customerId, prevDay, lines)
    if (c >= 0 && typeof o.customerId === 'string') {
      ids[at] = o.customerId
      slots[k] = c
    }
  }
  // KPIs read days in the default zone; they reuse this walk only when it read the same days.
  if (timeZone === DEFAULT_TIME_ZONE)
    recordOrderWalk(orders, {
      dates: dateChunks,
      days,
      customerIds: idChunks,
      slots,
      slotIds: b.seenCustomerIds,
    })
  beforeFinish?.(b)
  return b.finish()
}

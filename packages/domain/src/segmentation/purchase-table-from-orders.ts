import type { OrderFact } from './purchase-lines-from-orders.ts'
import { type PurchaseTable, PurchaseTableBuilder } from './purchase-table.ts'

/**
 * Purchase table straight from domain orders, without building a line object per order line: only the
 * latest revision of each order counts, cancelled orders are left out; both are counted by their lines.
 */
export function buildPurchaseTableFromOrders(
  orders: readonly OrderFact[],
  asOfDay: number,
  knownCustomerIds: readonly string[] = [],
): PurchaseTable {
  // Corrections are rare: try one pass that assumes none, and redo with the revision map if one shows up.
  return (
    build(orders, asOfDay, knownCustomerIds, null) ??
    (build(orders, asOfDay, knownCustomerIds, newestRevisions(orders)) as PurchaseTable)
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
): PurchaseTable | null {
  // Each order becomes at most one purchase order; lines may outnumber orders, customers grow as needed.
  const b = new PurchaseTableBuilder(asOfDay, orders.length, knownCustomerIds)
  for (const o of orders) {
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
    let c = -1
    let order = -1
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]
      if (l === undefined) continue
      const day = b.check(o.customerId, o.orderedAt, l.quantity, l.unitPrice)
      if (Number.isNaN(day)) continue
      if (order < 0) {
        c = b.customer(typeof o.customerId === 'string' ? o.customerId : String(o.customerId))
        order = b.newOrder(c, day)
      }
      b.add(c, order, day, l.quantity, l.unitPrice)
    }
  }
  return b.finish()
}

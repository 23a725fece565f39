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
  // Corrections are rare: remember the newest revision only of records that have several.
  const newest = new Map<string, number>()
  let lineCount = 0
  for (const o of orders) {
    lineCount += o.lines.length
    const rev = o.revision ?? 1
    if (rev > 1 && o.revisionOf !== undefined && rev > (newest.get(o.revisionOf) ?? 0))
      newest.set(o.revisionOf, rev)
  }
  const b = new PurchaseTableBuilder(asOfDay, lineCount, knownCustomerIds)
  for (const o of orders) {
    const lines = o.lines
    if (newest.size > 0 && o.revisionOf !== undefined) {
      const latest = newest.get(o.revisionOf)
      if (latest !== undefined && latest !== (o.revision ?? 1)) {
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

import type { Order } from '../model/order.ts'
import type { PurchaseLine } from './purchase-table.ts'

/** What the builder reads of an order (a domain `Order` fits). */
export type OrderFact = Pick<Order, 'customerId' | 'orderedAt' | 'status' | 'lines'> &
  Partial<Pick<Order, 'id' | 'revisionOf' | 'revision'>>

export interface OrderLinesBuild {
  lines: PurchaseLine[]
  /** Orders left out because their latest revision is cancelled. */
  cancelledOrders: number
  /** Earlier revisions replaced by a later one. */
  supersededRevisions: number
}

/**
 * Order lines from domain orders: only the latest revision of each order counts (a correction replaces
 * the original), cancelled orders are left out and counted, and all revisions share one order id.
 */
export function purchaseLinesFromOrders(orders: readonly OrderFact[]): OrderLinesBuild {
  const latest = new Map<string, OrderFact>()
  let superseded = 0
  let anonymous = 0
  for (const o of orders) {
    const key = o.revisionOf ?? o.id ?? `#${anonymous++}`
    const seen = latest.get(key)
    if (seen === undefined) latest.set(key, o)
    else {
      superseded++
      if ((o.revision ?? 0) > (seen.revision ?? 0)) latest.set(key, o)
    }
  }
  const lines: PurchaseLine[] = []
  let cancelled = 0
  for (const [orderId, o] of latest) {
    if (o.status === 'cancelled') {
      cancelled++
      continue
    }
    for (const l of o.lines) {
      lines.push({
        customerId: o.customerId,
        orderId,
        date: o.orderedAt,
        quantity: l.quantity,
        price: l.unitPrice,
      })
    }
  }
  return { lines, cancelledOrders: cancelled, supersededRevisions: superseded }
}

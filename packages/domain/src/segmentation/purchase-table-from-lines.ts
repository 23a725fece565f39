import type { PurchaseLine, PurchaseTable } from './purchase-table.ts'
import { PurchaseTableBuilder } from './purchase-table-builder.ts'

/**
 * Purchase table of order lines (CSV rows). Lines with the same order id and customer form one order;
 * an order id reused by another customer is a different order.
 */
export function buildPurchaseTable(
  lines: readonly PurchaseLine[],
  asOfDay: number,
  knownCustomerIds: readonly string[] = [],
  beforeFinish?: (builder: PurchaseTableBuilder) => void,
  timeZone?: string,
): PurchaseTable {
  const b = new PurchaseTableBuilder(asOfDay, lines.length, knownCustomerIds, timeZone)
  const orderIndex = new Map<string, number>()
  let prevOrderId: string | null = null
  let prevOrderC = -1
  let prevO = -1
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as PurchaseLine
    const day = b.check(line.customerId, line.date, line.quantity, line.price)
    if (Number.isNaN(day)) continue
    const cid = typeof line.customerId === 'string' ? line.customerId : String(line.customerId)
    const c = b.customer(cid)
    const orderId = String(line.orderId)
    let o: number
    if (orderId === prevOrderId && c === prevOrderC) o = prevO
    else {
      let key = orderId
      let found = orderIndex.get(key)
      if (found !== undefined && b.orderCustomerOf(found) !== c) {
        key = `${orderId}\u0000${cid}`
        found = orderIndex.get(key)
      }
      if (found === undefined) {
        o = b.newOrder(c, day)
        orderIndex.set(key, o)
      } else o = found
      prevOrderId = orderId
      prevOrderC = c
      prevO = o
    }
    b.add(c, o, day, line.quantity, line.price)
  }
  beforeFinish?.(b)
  return b.finish()
}

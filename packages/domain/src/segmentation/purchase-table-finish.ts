import { sortedCustomerOrder } from './customer-id.ts'
import type { ExcludedLineCounts, PurchaseTable } from './purchase-table.ts'
import { roundCents } from './purchase-table.ts'
import { sortRange } from './quintile-scores.ts'

/** Order indices `0 … orders-1` by ascending day (counting sort), or null when the days span too far. */
function ordersByDay(day: Int32Array, orders: number): Int32Array | null {
  if (orders === 0) return null
  let min = day[0] as number
  let max = min
  for (let o = 1; o < orders; o++) {
    const d = day[o] as number
    if (d < min) min = d
    else if (d > max) max = d
  }
  const span = max - min + 1
  if (span > Math.max(4096, 2 * orders)) return null
  const start = new Int32Array(span + 1)
  for (let o = 0; o < orders; o++) {
    const slot = (day[o] as number) - min + 1
    start[slot] = (start[slot] as number) + 1
  }
  for (let d = 1; d <= span; d++) start[d] = (start[d] as number) + (start[d - 1] as number)
  const out = new Int32Array(orders)
  for (let o = 0; o < orders; o++) {
    const slot = (day[o] as number) - min
    out[start[slot] as number] = o
    start[slot] = (start[slot] as number) + 1
  }
  return out
}

/**
 * Reorders customers by id and groups order days by customer (counting sort), each group ascending.
 * Each `tracked` array of customer slots (see `PurchaseTableBuilder.trackCustomersOf`) becomes table indices.
 */
export function finishTable(
  customerIndex: Map<string, number>,
  ids: string[],
  sum: Float64Array,
  recent: Float64Array,
  prior: Float64Array,
  orderCustomer: Int32Array,
  orderDayRaw: Int32Array,
  orders: number,
  asOfDay: number,
  linesRead: number,
  excluded: ExcludedLineCounts,
  tracked: readonly Int32Array[] = [],
): PurchaseTable {
  const n = ids.length
  const order = sortedCustomerOrder(ids)
  const position = new Int32Array(n)
  for (let k = 0; k < n; k++) position[order[k] as number] = k
  for (const at of tracked) {
    for (let i = 0; i < at.length; i++) {
      const slot = at[i] as number
      if (slot >= 0) at[i] = position[slot] as number
    }
  }
  const frequency = new Int32Array(n)
  for (let o = 0; o < orders; o++) {
    const k = position[orderCustomer[o] as number] as number
    frequency[k] = (frequency[k] as number) + 1
  }
  const orderStart = new Int32Array(n + 1)
  for (let k = 0; k < n; k++) orderStart[k + 1] = (orderStart[k] as number) + (frequency[k] as number)
  const fill = orderStart.slice(0, n)
  const orderDay = new Int32Array(orders)
  // Dealing the orders out in day order leaves each customer's days ascending, with no sort per customer,
  // when the days span a range small enough to count.
  const byDay = ordersByDay(orderDayRaw, orders)
  for (let j = 0; j < orders; j++) {
    const o = byDay === null ? j : (byDay[j] as number)
    const k = position[orderCustomer[o] as number] as number
    orderDay[fill[k] as number] = orderDayRaw[o] as number
    fill[k] = (fill[k] as number) + 1
  }
  const sortedIds = new Array<string>(n)
  const monetary = new Float64Array(n)
  const recentSpend = new Float64Array(n)
  const priorSpend = new Float64Array(n)
  const firstDay = new Int32Array(n)
  const lastDay = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const c = order[k] as number
    sortedIds[k] = ids[c] as string
    customerIndex.set(ids[c] as string, k)
    monetary[k] = roundCents(sum[c] as number)
    recentSpend[k] = recent[c] as number
    priorSpend[k] = prior[c] as number
    const a = orderStart[k] as number
    const b = orderStart[k + 1] as number
    if (byDay === null) sortRange(orderDay, a, b)
    firstDay[k] = b > a ? (orderDay[a] as number) : 0
    lastDay[k] = b > a ? (orderDay[b - 1] as number) : 0
  }
  const linesUsed = linesRead - excluded.total
  return {
    asOfDay,
    customerIds: sortedIds,
    indexOf: customerIndex,
    frequency,
    firstDay,
    lastDay,
    monetary,
    recentSpend,
    priorSpend,
    orderStart,
    orderDay,
    linesRead,
    linesUsed,
    excluded,
  }
}

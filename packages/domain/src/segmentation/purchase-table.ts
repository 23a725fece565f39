import { sortedCustomerOrder } from './customer-id.ts'
import { parseDayNumber } from './day-number.ts'

/** One order line as RFM needs it (a CSV row, or a line of a domain `Order`). */
export interface PurchaseLine {
  customerId: string | null | undefined
  orderId: string
  /** ISO date or date-time (see `parseDayNumber`); only the calendar date counts. */
  date: string
  quantity: number
  price: number
}

/** Lines left out of the analysis, by first reason, so nothing disappears silently. */
export interface ExcludedLineCounts {
  noCustomer: number
  /** Quantity ≤ 0 or not a number (returns, cancellations). */
  nonPositiveQuantity: number
  /** Unit price ≤ 0 or not a number (free samples, adjustments). */
  nonPositivePrice: number
  badDate: number
  /** Dated after the as-of day: not yet history at that date. */
  afterAsOf: number
  total: number
}

/** Length of the two spend windows that detect declining spend. */
export const SPEND_WINDOW_DAYS = 90

/**
 * Columnar purchase history: customers sorted by id (`compareCustomerIds`), per-customer aggregates in
 * typed arrays, and each customer's order days (ascending) in `orderDay[orderStart[c] .. orderStart[c+1])`.
 */
export interface PurchaseTable {
  asOfDay: number
  customerIds: readonly string[]
  frequency: Int32Array
  firstDay: Int32Array
  lastDay: Int32Array
  /** Σ quantity × price, rounded to cents. */
  monetary: Float64Array
  /** Spend in the last `SPEND_WINDOW_DAYS` days up to as-of, and in the window before that. */
  recentSpend: Float64Array
  priorSpend: Float64Array
  orderStart: Int32Array
  orderDay: Int32Array
  linesRead: number
  linesUsed: number
  excluded: ExcludedLineCounts
}

/** numpy's `round(x, 2)`: half to even on x × 100, so cents agree with the pandas reference. */
export function roundCents(x: number): number {
  const y = x * 100
  let r = Math.round(y)
  if (r - y === 0.5 && r % 2 !== 0) r -= 1
  return r / 100
}

/**
 * One pass over the lines: validates, parses each distinct date string once, and accumulates per customer
 * and per order. `knownCustomerIds` adds customers who never bought (prospects) so they get a profile too.
 */
export function buildPurchaseTable(
  lines: readonly PurchaseLine[],
  asOfDay: number,
  knownCustomerIds: readonly string[] = [],
): PurchaseTable {
  const cap = lines.length + knownCustomerIds.length
  const customerIndex = new Map<string, number>()
  const ids: string[] = []
  for (const id of knownCustomerIds) {
    if (id !== '' && !customerIndex.has(id)) {
      customerIndex.set(id, ids.length)
      ids.push(id)
    }
  }
  const sum = new Float64Array(cap)
  const comp = new Float64Array(cap) // Kahan compensation, as pandas' groupby sum does
  const recent = new Float64Array(cap)
  const prior = new Float64Array(cap)
  const orderCustomer = new Int32Array(lines.length)
  const orderDayRaw = new Int32Array(lines.length)
  const orderIndex = new Map<string, number>()
  let orders = 0
  const excluded: ExcludedLineCounts = {
    noCustomer: 0,
    nonPositiveQuantity: 0,
    nonPositivePrice: 0,
    badDate: 0,
    afterAsOf: 0,
    total: 0,
  }
  let prevDate = ''
  let prevDay = Number.NaN
  let prevCustomerId = ''
  let prevC = -1
  let prevOrderId: string | null = null
  let prevOrderC = -1
  let prevO = -1
  const recentFrom = asOfDay - SPEND_WINDOW_DAYS
  const priorFrom = recentFrom - SPEND_WINDOW_DAYS

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as PurchaseLine
    const cid = line.customerId
    if (cid === null || cid === undefined || cid === '') {
      excluded.noCustomer++
      continue
    }
    const q = line.quantity
    const p = line.price
    if (!(q > 0) || !Number.isFinite(q)) {
      excluded.nonPositiveQuantity++
      continue
    }
    if (!(p > 0) || !Number.isFinite(p)) {
      excluded.nonPositivePrice++
      continue
    }
    const date = line.date
    let day: number
    if (date === prevDate) day = prevDay
    else {
      day = typeof date === 'string' ? parseDayNumber(date) : Number.NaN
      prevDate = date
      prevDay = day
    }
    if (Number.isNaN(day)) {
      excluded.badDate++
      continue
    }
    if (day > asOfDay) {
      excluded.afterAsOf++
      continue
    }
    let c: number
    if (cid === prevCustomerId) c = prevC
    else {
      const found = customerIndex.get(cid)
      if (found === undefined) {
        c = ids.length
        customerIndex.set(cid, c)
        ids.push(cid)
      } else c = found
      prevCustomerId = cid
      prevC = c
    }
    const orderId = String(line.orderId)
    let o: number
    if (orderId === prevOrderId && c === prevOrderC) o = prevO
    else {
      // An order id reused by another customer is a different order for RFM purposes.
      let key = orderId
      let found = orderIndex.get(key)
      if (found !== undefined && orderCustomer[found] !== c) {
        key = `${orderId}\u0000${cid}`
        found = orderIndex.get(key)
      }
      if (found === undefined) {
        o = orders++
        orderIndex.set(key, o)
        orderCustomer[o] = c
        orderDayRaw[o] = day
      } else o = found
      prevOrderId = orderId
      prevOrderC = c
      prevO = o
    }
    if (day > (orderDayRaw[o] as number)) orderDayRaw[o] = day
    const amount = q * p
    const y = amount - (comp[c] as number)
    const s = sum[c] as number
    const t = s + y
    comp[c] = t - s - y
    sum[c] = t
    if (day > recentFrom) recent[c] = (recent[c] as number) + amount
    else if (day > priorFrom) prior[c] = (prior[c] as number) + amount
  }
  excluded.total =
    excluded.noCustomer +
    excluded.nonPositiveQuantity +
    excluded.nonPositivePrice +
    excluded.badDate +
    excluded.afterAsOf
  return finish(ids, sum, recent, prior, orderCustomer, orderDayRaw, orders, asOfDay, lines.length, excluded)
}

/** Reorders customers by id and groups order days by customer (counting sort), each group ascending. */
function finish(
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
): PurchaseTable {
  const n = ids.length
  const order = sortedCustomerOrder(ids)
  const position = new Int32Array(n)
  for (let k = 0; k < n; k++) position[order[k] as number] = k
  const frequency = new Int32Array(n)
  for (let o = 0; o < orders; o++) {
    const k = position[orderCustomer[o] as number] as number
    frequency[k] = (frequency[k] as number) + 1
  }
  const orderStart = new Int32Array(n + 1)
  for (let k = 0; k < n; k++) orderStart[k + 1] = (orderStart[k] as number) + (frequency[k] as number)
  const fill = orderStart.slice(0, n)
  const orderDay = new Int32Array(orders)
  for (let o = 0; o < orders; o++) {
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
    monetary[k] = roundCents(sum[c] as number)
    recentSpend[k] = recent[c] as number
    priorSpend[k] = prior[c] as number
    const a = orderStart[k] as number
    const b = orderStart[k + 1] as number
    if (b - a > 1) orderDay.subarray(a, b).sort()
    firstDay[k] = b > a ? (orderDay[a] as number) : 0
    lastDay[k] = b > a ? (orderDay[b - 1] as number) : 0
  }
  const linesUsed = linesRead - excluded.total
  return {
    asOfDay,
    customerIds: sortedIds,
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

import { sortedCustomerOrder } from './customer-id.ts'
import { parseDayNumber } from './day-number.ts'
import { sortRange } from './quintile-scores.ts'

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
  /** Lines of cancelled orders (domain orders only). */
  cancelled: number
  /** Lines of order revisions replaced by a later revision (domain orders only). */
  superseded: number
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
  /** Position of each customer id in `customerIds`. */
  indexOf: ReadonlyMap<string, number>
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
 * Accumulates purchases in one pass: each distinct date string is parsed once, customer and order lookups
 * are skipped while consecutive lines repeat them, and all sums land in typed arrays.
 */
export class PurchaseTableBuilder {
  readonly excluded: ExcludedLineCounts = {
    noCustomer: 0,
    nonPositiveQuantity: 0,
    nonPositivePrice: 0,
    badDate: 0,
    afterAsOf: 0,
    cancelled: 0,
    superseded: 0,
    total: 0,
  }
  linesRead = 0
  private readonly customerIndex = new Map<string, number>()
  private readonly ids: string[] = []
  // Per-customer sums grow by doubling: sizing them by line count would allocate (and make the garbage
  // collector sweep) far more memory than there are customers.
  private sum: Float64Array
  private comp: Float64Array // Kahan compensation, as pandas' groupby sum does
  private recent: Float64Array
  private prior: Float64Array
  private readonly orderCustomer: Int32Array
  private readonly orderDay: Int32Array
  private orders = 0
  private prevDate = ''
  private prevDay = Number.NaN
  private prevCustomerId = ''
  private prevC = -1
  private readonly recentFrom: number
  private readonly priorFrom: number

  /** `orderCapacity` bounds the number of orders (at most one per line); `knownCustomerIds` adds non-buyers. */
  constructor(
    readonly asOfDay: number,
    orderCapacity: number,
    knownCustomerIds: readonly string[] = [],
  ) {
    for (const id of knownCustomerIds) {
      if (id !== '' && !this.customerIndex.has(id)) {
        this.customerIndex.set(id, this.ids.length)
        this.ids.push(id)
      }
    }
    const cap = Math.max(16, Math.min(orderCapacity, 1024) + this.ids.length)
    this.sum = new Float64Array(cap)
    this.comp = new Float64Array(cap)
    this.recent = new Float64Array(cap)
    this.prior = new Float64Array(cap)
    this.orderCustomer = new Int32Array(orderCapacity)
    this.orderDay = new Int32Array(orderCapacity)
    this.recentFrom = asOfDay - SPEND_WINDOW_DAYS
    this.priorFrom = this.recentFrom - SPEND_WINDOW_DAYS
  }

  /** Index of a customer id, created on first sight. */
  customer(id: string): number {
    if (id === this.prevCustomerId) return this.prevC
    let c = this.customerIndex.get(id)
    if (c === undefined) {
      c = this.ids.length
      if (c === this.sum.length) this.grow()
      this.customerIndex.set(id, c)
      this.ids.push(id)
    }
    this.prevCustomerId = id
    this.prevC = c
    return c
  }

  private grow(): void {
    const size = this.sum.length * 2
    const bigger = (a: Float64Array) => {
      const b = new Float64Array(size)
      b.set(a)
      return b
    }
    this.sum = bigger(this.sum)
    this.comp = bigger(this.comp)
    this.recent = bigger(this.recent)
    this.prior = bigger(this.prior)
  }

  /** Day number of a date string (NaN when unreadable), parsing each distinct string once in a row. */
  day(date: string): number {
    if (date === this.prevDate) return this.prevDay
    const day = typeof date === 'string' ? parseDayNumber(date) : Number.NaN
    this.prevDate = date
    this.prevDay = day
    return day
  }

  /**
   * Checks one line; returns the day it counts on, or NaN after counting why it does not count.
   * The customer check comes first, then quantity, price, date, as-of.
   */
  check(customerId: string | null | undefined, date: string, quantity: number, price: number): number {
    this.linesRead++
    if (customerId === null || customerId === undefined || customerId === '') {
      this.excluded.noCustomer++
      return Number.NaN
    }
    if (!(quantity > 0) || !Number.isFinite(quantity)) {
      this.excluded.nonPositiveQuantity++
      return Number.NaN
    }
    if (!(price > 0) || !Number.isFinite(price)) {
      this.excluded.nonPositivePrice++
      return Number.NaN
    }
    const day = this.day(date)
    if (Number.isNaN(day)) {
      this.excluded.badDate++
      return Number.NaN
    }
    if (day > this.asOfDay) {
      this.excluded.afterAsOf++
      return Number.NaN
    }
    return day
  }

  /** Starts an order of customer `c`; returns its index. */
  newOrder(c: number, day: number): number {
    const o = this.orders++
    this.orderCustomer[o] = c
    this.orderDay[o] = day
    return o
  }

  orderCustomerOf(o: number): number {
    return this.orderCustomer[o] as number
  }

  /** Adds a checked line of order `o` (customer `c`) on `day`. */
  add(c: number, o: number, day: number, quantity: number, price: number): void {
    if (day > (this.orderDay[o] as number)) this.orderDay[o] = day
    const amount = quantity * price
    const y = amount - (this.comp[c] as number)
    const s = this.sum[c] as number
    const t = s + y
    this.comp[c] = t - s - y
    this.sum[c] = t
    if (day > this.recentFrom) this.recent[c] = (this.recent[c] as number) + amount
    else if (day > this.priorFrom) this.prior[c] = (this.prior[c] as number) + amount
  }

  /**
   * All lines of one domain order dated `day` (its date already read: NaN when unreadable) at once, with
   * the same checks, counts and sums as `check` + `customer` + `newOrder` + `add` line by line, but the
   * customer looked up once. Returns the customer's index, or -1 when no line counted.
   */
  addOrder(
    customerId: string | null | undefined,
    day: number,
    lines: readonly ({ quantity: number; unitPrice: number } | undefined)[],
  ): number {
    const count = lines.length
    const e = this.excluded
    if (customerId === null || customerId === undefined || customerId === '') {
      for (let i = 0; i < count; i++) {
        if (lines[i] === undefined) continue
        this.linesRead++
        e.noCustomer++
      }
      return -1
    }
    let c = -1
    let o = -1
    for (let i = 0; i < count; i++) {
      const l = lines[i]
      if (l === undefined) continue
      this.linesRead++
      const quantity = l.quantity
      if (!(quantity > 0) || !Number.isFinite(quantity)) {
        e.nonPositiveQuantity++
        continue
      }
      const price = l.unitPrice
      if (!(price > 0) || !Number.isFinite(price)) {
        e.nonPositivePrice++
        continue
      }
      if (Number.isNaN(day)) {
        e.badDate++
        continue
      }
      if (day > this.asOfDay) {
        e.afterAsOf++
        continue
      }
      if (o < 0) {
        c = this.customer(typeof customerId === 'string' ? customerId : String(customerId))
        o = this.orders++
        this.orderCustomer[o] = c
        this.orderDay[o] = day
      }
      const amount = quantity * price
      const comp = this.comp
      const sum = this.sum
      const y = amount - (comp[c] as number)
      const s = sum[c] as number
      const t = s + y
      comp[c] = t - s - y
      sum[c] = t
      if (day > this.recentFrom) this.recent[c] = (this.recent[c] as number) + amount
      else if (day > this.priorFrom) this.prior[c] = (this.prior[c] as number) + amount
    }
    return c
  }

  /** Customer ids by index, in order of first sight (before `finish` sorts them). */
  get seenCustomerIds(): readonly string[] {
    return this.ids
  }

  /** Counts lines dropped before checking (cancelled orders, superseded revisions). */
  skip(reason: 'cancelled' | 'superseded', lines: number): void {
    this.linesRead += lines
    this.excluded[reason] += lines
  }

  finish(): PurchaseTable {
    const e = this.excluded
    e.total =
      e.noCustomer +
      e.nonPositiveQuantity +
      e.nonPositivePrice +
      e.badDate +
      e.afterAsOf +
      e.cancelled +
      e.superseded
    return finish(
      this.customerIndex,
      this.ids,
      this.sum,
      this.recent,
      this.prior,
      this.orderCustomer,
      this.orderDay,
      this.orders,
      this.asOfDay,
      this.linesRead,
      e,
    )
  }
}

/**
 * Purchase table of order lines (CSV rows). Lines with the same order id and customer form one order;
 * an order id reused by another customer is a different order.
 */
export function buildPurchaseTable(
  lines: readonly PurchaseLine[],
  asOfDay: number,
  knownCustomerIds: readonly string[] = [],
): PurchaseTable {
  const b = new PurchaseTableBuilder(asOfDay, lines.length, knownCustomerIds)
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
  return b.finish()
}

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

/** Reorders customers by id and groups order days by customer (counting sort), each group ascending. */
function finish(
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

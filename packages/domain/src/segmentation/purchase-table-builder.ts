import { calendarDayOf } from '../calendar/calendar-day.ts'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'
import type { ExcludedLineCounts, PurchaseTable } from './purchase-table.ts'
import { SPEND_WINDOW_DAYS } from './purchase-table.ts'
import { finishTable } from './purchase-table-finish.ts'

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
  // Order arrays grow by doubling too, so a streaming reader need not know the line count up front.
  private orderCustomer: Int32Array
  private orderDay: Int32Array
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
    /** The organisation's zone, which decides the calendar day of a date-time with an offset. */
    readonly timeZone: string = DEFAULT_TIME_ZONE,
  ) {
    const index = this.customerIndex
    for (const id of knownCustomerIds) {
      if (id !== '' && index.get(id) === undefined) {
        index.set(id, this.ids.length)
        this.ids.push(id)
      }
    }
    const cap = Math.max(16, Math.min(orderCapacity, 1024) + this.ids.length)
    this.sum = new Float64Array(cap)
    this.comp = new Float64Array(cap)
    this.recent = new Float64Array(cap)
    this.prior = new Float64Array(cap)
    this.orderCustomer = new Int32Array(Math.max(16, orderCapacity))
    this.orderDay = new Int32Array(Math.max(16, orderCapacity))
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
    const day = typeof date === 'string' ? calendarDayOf(date, this.timeZone) : Number.NaN
    this.prevDate = date
    this.prevDay = day
    return day
  }

  /**
   * Checks one line; returns the day it counts on, or NaN after counting why it does not count.
   * The customer check comes first, then quantity, price, date, as-of.
   */
  check(customerId: string | null | undefined, date: string, quantity: number, price: number): number {
    const has = !(customerId === null || customerId === undefined || customerId === '')
    return this.checkDay(has, quantity, price, has ? this.day(date) : Number.NaN)
  }

  /** `check` for a line whose date is already a day number (NaN when unreadable). */
  checkDay(hasCustomer: boolean, quantity: number, price: number, day: number): number {
    this.linesRead++
    if (!hasCustomer) {
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

  private growOrders(): void {
    const size = this.orderDay.length * 2
    const c = new Int32Array(size)
    c.set(this.orderCustomer)
    this.orderCustomer = c
    const d = new Int32Array(size)
    d.set(this.orderDay)
    this.orderDay = d
  }

  /** Starts an order of customer `c`; returns its index. */
  newOrder(c: number, day: number): number {
    if (this.orders === this.orderDay.length) this.growOrders()
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
        if (this.orders === this.orderDay.length) this.growOrders()
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

  private readonly tracked: Int32Array[] = []

  /**
   * Adds the customer of each record (visits, feedback) as a known customer, and returns where each
   * record's customer is: after `finish`, its index in the table (-1 for a blank id). One lookup per
   * record serves both the customer list and the later per-record aggregation.
   */
  trackCustomersOf(records: readonly { customerId: string }[]): Int32Array {
    const at = new Int32Array(records.length)
    for (let i = 0; i < records.length; i++) {
      const id = (records[i] as { customerId: string }).customerId
      at[i] = id === '' ? -1 : this.customer(id)
    }
    this.tracked.push(at)
    return at
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
    return finishTable(
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
      this.tracked,
    )
  }
}

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

import {
  calendarDayOf,
  daysFromCivil,
  normalizeCustomerId,
  type PurchaseTable,
  PurchaseTableBuilder,
} from '@outrider/domain'
import { ByteKeys } from './byte-keys.ts'
import { type CsvRecord, fieldText, readCsvRecords } from './csv-records.ts'

export const ROLES = ['customer', 'order', 'date', 'quantity', 'price'] as const
export type Role = (typeof ROLES)[number]

export class UsageError extends Error {}

export interface OrderTableRead {
  table: PurchaseTable
  /** Data rows (header and blank lines not counted). */
  rows: number
  bad: { line: number; reason: string }[]
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13)

/**
 * The number a field spells (as `Number` reads it), NaN when it is not one. Plain decimals are read
 * from the bytes: an integer mantissa over a power of ten is exactly the double `Number` gives.
 */
function fieldNumber(buf: Buffer, s: number, e: number): number {
  while (s < e && isSpace(buf[s] as number)) s++
  while (e > s && isSpace(buf[e - 1] as number)) e--
  let i = s
  let neg = false
  if (i < e && (buf[i] === 43 || buf[i] === 45)) neg = buf[i++] === 45
  let mantissa = 0
  let digits = 0
  let frac = -1
  for (; i < e; i++) {
    const c = buf[i] as number
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      digits++
      if (frac >= 0) frac++
    } else if (c === 46 && frac < 0) frac = 0
    else break
  }
  if (i === e && digits > 0 && digits <= 15) {
    const v = frac > 0 ? mantissa / (POW10[frac] as number) : mantissa
    return neg ? -v : v
  }
  // Exponents, long digit runs, non-ASCII: the general reading.
  const text = buf.toString('utf8', s, e).trim()
  return NUMBER.test(text) ? Number(text) : Number.NaN
}

const digit = (buf: Buffer, i: number) => {
  const c = (buf[i] as number) - 48
  return c >= 0 && c <= 9 ? c : -100_000
}

/**
 * Day number of a date field: `YYYY-MM-DD` with an optional wall-clock time straight from the bytes,
 * anything else (other separators, 年月日, an offset) through the domain calendar. NaN when unreadable.
 */
function fieldDay(r: CsvRecord, i: number, timeZone: string): number {
  const buf = r.buf
  let s = r.start[i] as number
  let e = r.end[i] as number
  while (s < e && isSpace(buf[s] as number)) s++
  while (e > s && isSpace(buf[e - 1] as number)) e--
  const n = e - s
  if (n >= 10 && buf[s + 4] === 45 && buf[s + 7] === 45 && (n === 10 || buf[s + 10] === 32)) {
    // A space-separated time carries no offset (an ISO offset comes after a 'T'): the date as written.
    const y = digit(buf, s) * 1000 + digit(buf, s + 1) * 100 + digit(buf, s + 2) * 10 + digit(buf, s + 3)
    const m = digit(buf, s + 5) * 10 + digit(buf, s + 6)
    const d = digit(buf, s + 8) * 10 + digit(buf, s + 9)
    if (y >= 0 && m >= 1 && m <= 12 && d >= 1 && d <= 28) return daysFromCivil(y, m, d)
  }
  return calendarDayOf(buf.toString('utf8', s, e), timeZone)
}

/**
 * Bytes of a field as a customer id key, trimmed and with a zero fraction dropped (`12923.0` → `12923`,
 * as `normalizeCustomerId` does), written to `out` as [start, end) into `buf`; null when the field needs
 * the string path (quoted, or non-ASCII at an edge, where Unicode spaces may need trimming).
 */
function customerKeyBytes(r: CsvRecord, i: number, out: Int32Array): boolean {
  if (r.quoted[i] !== 0) return false
  const buf = r.buf
  let s = r.start[i] as number
  let e = r.end[i] as number
  while (s < e && isSpace(buf[s] as number)) s++
  while (e > s && isSpace(buf[e - 1] as number)) e--
  if (s < e && ((buf[s] as number) >= 0x80 || (buf[e - 1] as number) >= 0x80)) return false
  let k = s
  while (k < e && (buf[k] as number) >= 48 && (buf[k] as number) <= 57) k++
  if (k > s && k < e - 1 && buf[k] === 46) {
    let z = k + 1
    while (z < e && buf[z] === 48) z++
    if (z === e) e = k
  }
  out[0] = s
  out[1] = e
  return true
}

/** Trimmed text of a field (the slow path for ids and messages). */
const trimmed = (r: CsvRecord, i: number) => (fieldText(r, i) ?? '').trim()

/**
 * Reads an order-line CSV straight into a purchase table at `asOfDay`: lines with the same order id and
 * customer form one order. Header is line 1; a row's line number is where it starts. Rows with a missing
 * column, a bad number or date, or no order id are reported, not used.
 */
export function readOrderTable(
  path: string,
  columns: Record<Role, string>,
  asOfDay: number,
  timeZone: string,
): OrderTableRead {
  const reader = new OrderTableReader(columns, asOfDay, timeZone)
  readCsvRecords(path, (r) => reader.record(r))
  if (!reader.sawHeader) throw new UsageError('the file is empty')
  return { table: reader.b.finish(), rows: reader.rows, bad: reader.bad }
}

/** The state of one `readOrderTable`: the header's columns, the builder, and the customers and orders seen. */
class OrderTableReader {
  readonly b: PurchaseTableBuilder
  readonly bad: OrderTableRead['bad'] = []
  rows = 0
  sawHeader = false
  private readonly index = { customer: -1, order: -1, date: -1, quantity: -1, price: -1 }
  private width = 0
  // Customers and orders keyed by their bytes: no string per line. An order is keyed by its customer's
  // index, so an order id reused by another customer is another order; entry k is the builder's order k.
  private readonly customerKeys = new ByteKeys()
  private customerOf = new Int32Array(1024)
  private readonly orderKeys = new ByteKeys()
  private readonly span = new Int32Array(2)
  private readonly customerText: string[] = []

  constructor(
    private readonly columns: Record<Role, string>,
    asOfDay: number,
    private readonly timeZone: string,
  ) {
    this.b = new PurchaseTableBuilder(asOfDay, 1024, [], timeZone)
  }

  /** One CSV record: the header first, then a data row. */
  record(r: CsvRecord): boolean {
    if (!this.sawHeader) {
      this.header(r)
      return true
    }
    this.rows++
    this.row(r)
    return true
  }

  private header(r: CsvRecord): void {
    const { index, columns } = this
    const header = Array.from({ length: r.fields }, (_, i) => trimmed(r, i))
    const missing: string[] = []
    for (const role of ROLES) {
      index[role] = header.indexOf(columns[role])
      if (index[role] < 0) missing.push(`${role}="${columns[role]}"`)
    }
    if (missing.length > 0)
      throw new UsageError(`column not in the header: ${missing.join(', ')} (header: ${header.join(', ')})`)
    this.width = Math.max(...ROLES.map((role) => index[role])) + 1
    this.sawHeader = true
  }

  private row(r: CsvRecord): void {
    const { index, b } = this
    if (r.fields < this.width) {
      const gone = ROLES.filter((role) => index[role] >= r.fields).map((role) => this.columns[role])
      this.bad.push({ line: r.line, reason: `missing column ${gone.join(', ')}` })
      return
    }
    const buf = r.buf
    const quantity = fieldNumber(buf, r.start[index.quantity] as number, r.end[index.quantity] as number)
    const price = fieldNumber(buf, r.start[index.price] as number, r.end[index.price] as number)
    const day = fieldDay(r, index.date, this.timeZone)
    const os = r.start[index.order] as number
    let oe = r.end[index.order] as number
    while (oe > os && isSpace(buf[oe - 1] as number)) oe--
    if (Number.isNaN(quantity) || Number.isNaN(price) || Number.isNaN(day) || oe === os) {
      const problems = this.problems(r, quantity, price, day)
      if (problems.length > 0) {
        this.bad.push({ line: r.line, reason: problems.join('; ') })
        return
      }
    }
    const entry = this.customerEntry(r)
    const checked = b.checkDay(entry >= 0, quantity, price, day)
    if (Number.isNaN(checked)) return
    let c = this.customerOf[entry] as number
    if (c < 0) {
      c = b.customer(this.customerText[entry] as string)
      this.customerOf[entry] = c
    }
    let orderBuf: Uint8Array = buf
    let ostart = os
    if (r.quoted[index.order] !== 0 || (buf[os] as number) <= 32) {
      orderBuf = Buffer.from(trimmed(r, index.order))
      ostart = 0
      oe = orderBuf.length
    }
    const o = this.orderKeys.intern(orderBuf, ostart, oe, c)
    if (this.orderKeys.added) b.newOrder(c, checked)
    b.add(c, o, checked, quantity, price)
  }

  /** Why a row cannot be used: its unreadable fields, in column order. */
  private problems(r: CsvRecord, quantity: number, price: number, day: number): string[] {
    const { index } = this
    const problems: string[] = []
    if (Number.isNaN(quantity)) problems.push(`bad quantity "${trimmed(r, index.quantity)}"`)
    if (Number.isNaN(price)) problems.push(`bad price "${trimmed(r, index.price)}"`)
    if (Number.isNaN(day)) problems.push(`bad date "${trimmed(r, index.date)}"`)
    if (trimmed(r, index.order) === '') problems.push('empty order id')
    return problems
  }

  /** Key entry of the row's customer, or -1 for a blank id. */
  private customerEntry(r: CsvRecord): number {
    const { span, customerKeys } = this
    let buf: Uint8Array = r.buf
    if (!customerKeyBytes(r, this.index.customer, span)) {
      buf = Buffer.from(normalizeCustomerId(fieldText(r, this.index.customer) as string))
      span[0] = 0
      span[1] = buf.length
    }
    const s = span[0] as number
    const e = span[1] as number
    if (s === e) return -1
    const entry = customerKeys.intern(buf, s, e, 0)
    if (customerKeys.added) {
      if (entry === this.customerOf.length) {
        const bigger = new Int32Array(entry * 2)
        bigger.set(this.customerOf)
        this.customerOf = bigger
      }
      // Joins the table with its first counted line (one with only excluded lines is no customer).
      this.customerOf[entry] = -1
      this.customerText[entry] = Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('utf8')
    }
    return entry
  }
}

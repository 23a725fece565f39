import { parseDayNumber } from './day-number.ts'
import type { ExcludedLineCounts, PurchaseLine, PurchaseTable } from './purchase-table.ts'
import { buildPurchaseTable } from './purchase-table-from-lines.ts'
import { midRankPercentiles, quintileScores } from './quintile-scores.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'

/** RFM facts and scores of every customer of a purchase table, by table index. */
export interface RfmScores {
  /** Customers with at least one counted purchase; only they are ranked. */
  buyers: number
  /** Days from the last purchase's calendar date to as-of; -1 without purchases. */
  recencyDays: Int32Array
  /** Quintile scores 1–5 (0 without purchases); R is 5 for the most recent. */
  r: Uint8Array
  f: Uint8Array
  m: Uint8Array
  /** Mid-rank percentiles 0..1 among buyers, oriented so that higher is better (recent, frequent, big). */
  recencyPct: Float64Array
  frequencyPct: Float64Array
  monetaryPct: Float64Array
}

/** Ranks the buyers of `table` into quintiles, exactly as the pandas reference does. */
export function scoreRfm(table: PurchaseTable): RfmScores {
  const n = table.customerIds.length
  const recencyDays = new Int32Array(n).fill(-1)
  const buyerIndex = new Int32Array(n)
  const rec = new Float64Array(n)
  const freq = new Float64Array(n)
  const mon = new Float64Array(n)
  let buyers = 0
  for (let c = 0; c < n; c++) {
    if ((table.frequency[c] as number) === 0) continue
    const days = table.asOfDay - (table.lastDay[c] as number)
    recencyDays[c] = days
    buyerIndex[buyers] = c
    rec[buyers] = days
    freq[buyers] = table.frequency[c] as number
    mon[buyers] = table.monetary[c] as number
    buyers++
  }
  const rb = new Uint8Array(buyers)
  const fb = new Uint8Array(buyers)
  const mb = new Uint8Array(buyers)
  const rp = new Float64Array(buyers)
  const fp = new Float64Array(buyers)
  const mp = new Float64Array(buyers)
  midRankPercentiles(rec, buyers, rp, quintileScores(rec, buyers, rb, true))
  midRankPercentiles(freq, buyers, fp, quintileScores(freq, buyers, fb, false))
  // Cents are integers, so monetary ranks can use the packed-key sort too.
  const cents = new Float64Array(buyers)
  for (let b = 0; b < buyers; b++) cents[b] = Math.round((mon[b] as number) * 100)
  midRankPercentiles(mon, buyers, mp, quintileScores(cents, buyers, mb, false))
  const out: RfmScores = {
    buyers,
    recencyDays,
    r: new Uint8Array(n),
    f: new Uint8Array(n),
    m: new Uint8Array(n),
    recencyPct: new Float64Array(n),
    frequencyPct: new Float64Array(n),
    monetaryPct: new Float64Array(n),
  }
  for (let b = 0; b < buyers; b++) {
    const c = buyerIndex[b] as number
    out.r[c] = rb[b] as number
    out.f[c] = fb[b] as number
    out.m[c] = mb[b] as number
    out.recencyPct[c] = 1 - (rp[b] as number)
    out.frequencyPct[c] = fp[b] as number
    out.monetaryPct[c] = mp[b] as number
  }
  return out
}

/** One customer's RFM row, as the reference CSV and the CLI print it. */
export interface RfmRow {
  customerId: string
  recencyDays: number
  frequency: number
  monetary: number
  r: number
  f: number
  m: number
}

export interface RfmReport {
  /** Buyers only, sorted by customer id (numeric ids numerically). */
  rows: RfmRow[]
  linesRead: number
  linesUsed: number
  excluded: ExcludedLineCounts
}

/** Parses the as-of date (`YYYY-MM-DD`, a time part is ignored) into a day number, or an error. */
export function parseAsOf(asOf: string): SegmentationResult<number> {
  const day = typeof asOf === 'string' ? parseDayNumber(asOf) : Number.NaN
  if (Number.isNaN(day))
    return segmentationError('bad_as_of', `as-of date must be YYYY-MM-DD, got ${JSON.stringify(asOf)}`)
  return { ok: true, value: day }
}

/** RFM of order lines at `asOf`: recency, frequency, monetary and their 1–5 quintile scores per buyer. */
export function computeRfm(lines: readonly PurchaseLine[], asOf: string): SegmentationResult<RfmReport> {
  const day = parseAsOf(asOf)
  if (!day.ok) return day
  const table = buildPurchaseTable(lines, day.value)
  const scores = scoreRfm(table)
  return {
    ok: true,
    value: {
      rows: rfmRows(table, scores),
      linesRead: table.linesRead,
      linesUsed: table.linesUsed,
      excluded: table.excluded,
    },
  }
}

/** Rows for the buyers of a scored table. */
export function rfmRows(table: PurchaseTable, scores: RfmScores): RfmRow[] {
  const rows: RfmRow[] = []
  for (let c = 0; c < table.customerIds.length; c++) {
    if ((table.frequency[c] as number) === 0) continue
    rows.push({
      customerId: table.customerIds[c] as string,
      recencyDays: scores.recencyDays[c] as number,
      frequency: table.frequency[c] as number,
      monetary: table.monetary[c] as number,
      r: scores.r[c] as number,
      f: scores.f[c] as number,
      m: scores.m[c] as number,
    })
  }
  return rows
}

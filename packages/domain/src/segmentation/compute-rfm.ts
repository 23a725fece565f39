import { parseDayNumber } from '../calendar/civil-day.ts'
import { type ClassificationThresholds, computeThresholds } from './classification-thresholds.ts'
import type { ExcludedLineCounts, PurchaseLine, PurchaseTable } from './purchase-table.ts'
import { buildPurchaseTable } from './purchase-table-from-lines.ts'
import { quintileScores } from './quintile-scores.ts'
import { percentileOf, scoreByEdges } from './score-bins.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'

/** RFM facts and scores of every customer of a purchase table, by table index. */
export interface RfmScores {
  /** Customers with at least one counted purchase; only they are ranked. */
  buyers: number
  /** Days from the last purchase's calendar date to as-of; -1 without purchases. */
  recencyDays: Int32Array
  /** Scores 1–5 (0 without purchases); R is 5 for the most recent. */
  r: Uint8Array
  f: Uint8Array
  m: Uint8Array
  /** Percentiles 0..1 in the population, oriented so that higher is better (recent, frequent, big). */
  recencyPct: Float64Array
  frequencyPct: Float64Array
  monetaryPct: Float64Array
}

/** How equal values are scored: `fair` (equal values, equal scores) or pandas' `first` (by customer id). */
export type TieRule = 'fair' | 'first'

/**
 * Scores the buyers of `table` against population thresholds: by their value edges (`fair`, the default),
 * or, with `first`, ranked among the table's own buyers exactly as pandas' `qcut(rank(method='first'))`.
 */
export function scoreRfm(
  table: PurchaseTable,
  thresholds: ClassificationThresholds,
  ties: TieRule = 'fair',
): RfmScores {
  const n = table.customerIds.length
  const out: RfmScores = {
    buyers: 0,
    recencyDays: new Int32Array(n).fill(-1),
    r: new Uint8Array(n),
    f: new Uint8Array(n),
    m: new Uint8Array(n),
    recencyPct: new Float64Array(n),
    frequencyPct: new Float64Array(n),
    monetaryPct: new Float64Array(n),
  }
  const t = thresholds
  const p = t.percentiles
  for (let c = 0; c < n; c++) {
    const freq = table.frequency[c] as number
    if (freq === 0) continue
    out.buyers++
    const days = table.asOfDay - (table.lastDay[c] as number)
    const mon = table.monetary[c] as number
    out.recencyDays[c] = days
    out.r[c] = 6 - scoreByEdges(days, t.recencyDays)
    out.f[c] = scoreByEdges(freq, t.frequency)
    out.m[c] = scoreByEdges(mon, t.monetary)
    out.recencyPct[c] = 1 - percentileOf(days, p.recencyDays)
    out.frequencyPct[c] = percentileOf(freq, p.frequency)
    out.monetaryPct[c] = percentileOf(mon, p.monetary)
  }
  if (ties === 'first') firstRankScores(table, out)
  return out
}

/** Overwrites r, f, m with pandas' tie-by-position quintiles of the table's own buyers. */
function firstRankScores(table: PurchaseTable, out: RfmScores): void {
  const n = table.customerIds.length
  const buyers = out.buyers
  const buyerIndex = new Int32Array(buyers)
  const rec = new Float64Array(buyers)
  const freq = new Float64Array(buyers)
  const cents = new Float64Array(buyers)
  let b = 0
  for (let c = 0; c < n; c++) {
    if ((table.frequency[c] as number) === 0) continue
    buyerIndex[b] = c
    rec[b] = out.recencyDays[c] as number
    freq[b] = table.frequency[c] as number
    // Cents are integers, so monetary ranks can use the packed-key sort too.
    cents[b] = Math.round((table.monetary[c] as number) * 100)
    b++
  }
  const rb = new Uint8Array(buyers)
  const fb = new Uint8Array(buyers)
  const mb = new Uint8Array(buyers)
  quintileScores(rec, buyers, rb, true)
  quintileScores(freq, buyers, fb, false)
  quintileScores(cents, buyers, mb, false)
  for (let k = 0; k < buyers; k++) {
    const c = buyerIndex[k] as number
    out.r[c] = rb[k] as number
    out.f[c] = fb[k] as number
    out.m[c] = mb[k] as number
  }
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

/**
 * RFM of order lines at `asOf`: recency, frequency, monetary and their 1–5 quintile scores per buyer, the
 * population being the lines' own buyers.
 */
export function computeRfm(
  lines: readonly PurchaseLine[],
  asOf: string,
  ties: TieRule = 'fair',
): SegmentationResult<RfmReport> {
  const day = parseAsOf(asOf)
  if (!day.ok) return day
  const table = buildPurchaseTable(lines, day.value)
  const scores = scoreRfm(table, computeThresholds(table, { tierShares: { a: 0.8, b: 0.15 } }, asOf), ties)
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

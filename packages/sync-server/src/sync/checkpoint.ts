/**
 * Pull checkpoint. Rows are read in (txid, id) order, where txid is the writing transaction's id.
 * Transaction ids are assigned at start but become visible at commit, in any order, so a plain
 * "txid > last" would skip a transaction that commits late. Instead a pass reads every row with
 * txid ≥ x, page by page (cursor `t`, `i`), each page in a snapshot of its own. A row the pass did
 * not deliver was invisible when the pass went over its place: its transaction was in progress then
 * (in that page's `pg_snapshot_xip`, between the page's first and last txid) or, on the last page,
 * had not started (≥ that snapshot's xmax). `sx` keeps the lowest such txid seen so far in the pass;
 * when the pass completes, the next one starts there. Nothing is skipped, and a caught-up device is
 * not sent again what it has. Redelivering a few rows is harmless (documents are compared on the
 * device); skipping one is not.
 */
export type Checkpoint = { x: string; t: string; i: string; sx: string }

/** The snapshot a page was read in: its xmax and its in-progress transaction ids. */
export type PageSnapshot = { xmax: string; xip: string[] }

/** `sx` while no page of the pass has passed over an in-progress transaction (2^64 − 1). */
export const NO_BOUND = '18446744073709551615'

export const initialCheckpoint = (): Checkpoint => ({ x: '0', t: '0', i: '', sx: NO_BOUND })

const min = (a: bigint, b: bigint) => (a < b ? a : b)

/** The lowest in-progress txid in [from, to] (to = null: no upper end), or none. */
function lowestInProgress(xip: string[], from: bigint, to: bigint | null): bigint | null {
  let low: bigint | null = null
  for (const s of xip) {
    const t = BigInt(s)
    if (t >= from && (to === null || t <= to) && (low === null || t < low)) low = t
  }
  return low
}

/** The checkpoint after `page` (rows in (txid, id) order), read from `cp` in snapshot `snap`. */
export function nextCheckpoint(
  cp: Checkpoint,
  page: { txid: string; id: string }[],
  limit: number,
  snap: PageSnapshot,
): Checkpoint {
  const passStart = cp.t === '0' && cp.i === ''
  // A checkpoint from before this rule carries the pass's first xmin here: a lower bound all the same.
  let bound = passStart ? BigInt(NO_BOUND) : BigInt(cp.sx)
  const from = BigInt(passStart ? cp.x : cp.t)
  const last = page[page.length - 1]
  if (page.length >= limit && last) {
    const skipped = lowestInProgress(snap.xip, from, BigInt(last.txid))
    if (skipped !== null) bound = min(bound, skipped)
    return { x: cp.x, t: last.txid, i: last.id, sx: bound.toString() }
  }
  // Pass complete: everything from here on was passed over in this snapshot.
  const skipped = lowestInProgress(snap.xip, from, null)
  bound = min(bound, min(skipped ?? BigInt(snap.xmax), BigInt(snap.xmax)))
  return { x: bound.toString(), t: '0', i: '', sx: NO_BOUND }
}

/**
 * Pull checkpoint. Rows are read in (txid, id) order, where txid is the writing transaction's id.
 * Transaction ids are assigned at start but become visible at commit, in any order, so a plain
 * "txid > last" would skip a transaction that commits late. Instead a pass reads every row with
 * txid ≥ x, page by page; when a pass completes, the next one starts at `sx`, the oldest transaction
 * still running when the pass's first page was read (`pg_snapshot_xmin` of that page's snapshot): a
 * row the pass did not see was written by a transaction that had not committed by then, so it was
 * running then (id ≥ sx) or started later (id ≥ sx too). Redelivering a few rows is harmless
 * (documents are compared on the device); skipping one is not.
 */
export type Checkpoint = { x: string; t: string; i: string; sx: string }

export const initialCheckpoint = (sx: string): Checkpoint => ({ x: '0', t: '0', i: '', sx })

/**
 * The checkpoint after a page read with a snapshot whose xmin is `currentXmin`. A checkpoint at the
 * start of a pass (`t` 0, no id) takes the pass's bound from this page; later pages keep it.
 */
export function nextCheckpoint(
  cp: Checkpoint,
  page: { txid: string; id: string }[],
  limit: number,
  currentXmin: string,
): Checkpoint {
  const passBound = cp.t === '0' && cp.i === '' ? currentXmin : cp.sx
  const last = page[page.length - 1]
  if (page.length >= limit && last) return { x: cp.x, t: last.txid, i: last.id, sx: passBound }
  // Pass complete: the next pass covers everything that was not visible when this pass began.
  return { x: passBound, t: '0', i: '', sx: passBound }
}

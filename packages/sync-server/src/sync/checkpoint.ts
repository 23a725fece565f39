/**
 * Pull checkpoint. Rows are read in (txid, id) order, where txid is the writing transaction's id.
 * Transaction ids are assigned at start but become visible at commit, in any order, so a plain
 * "txid > last" would skip a transaction that commits late. Instead a pass reads every row with
 * txid ≥ x; when a pass completes, the next one starts at `sx`, the oldest transaction still running
 * when this pass began (`pg_snapshot_xmin`): everything not yet visible then has an id ≥ sx.
 * Redelivering a few rows is harmless (documents are compared on the device); skipping one is not.
 */
export type Checkpoint = { x: string; t: string; i: string; sx: string }

export const initialCheckpoint = (sx: string): Checkpoint => ({ x: '0', t: '0', i: '', sx })

export function nextCheckpoint(
  cp: Checkpoint,
  page: { txid: string; id: string }[],
  limit: number,
  currentXmin: string,
): Checkpoint {
  const last = page[page.length - 1]
  if (page.length >= limit && last) return { x: cp.x, t: last.txid, i: last.id, sx: cp.sx }
  // Pass complete: the next pass covers everything that was not visible when this pass began.
  return { x: cp.sx, t: '0', i: '', sx: currentXmin }
}

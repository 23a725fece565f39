import type pg from 'pg'
import type { Principal } from '../auth/sessions.ts'
import type { Incoming, PushOutcome } from './push-batch.ts'
import type { PushCollection } from './push-rules.ts'
import { insertAllOrFailSql, quoteLiteral, sqlLiteral } from './push-sql.ts'
import { mergeForServer } from './server-merge.ts'
import { tables, toRow } from './tables.ts'

const DIVISION_BY_ZERO = '22012'

/**
 * The common push — a rep's new visits, orders or feedback on their own customers — in one round
 * trip instead of two: `BEGIN`, the insert, `COMMIT` sent together. The rows are built exactly as the
 * general path builds them for a rep's new records (`mergeForServer` with nothing stored, owner = the
 * rep and their team), and the statement inserts them only if every customer they hang off is the
 * rep's and in the rep's team (share-locked, so a reassignment waits) and every id is new; otherwise it
 * fails and rolls back, and the caller takes the general path (`applyPush`), which gives the exact
 * answer: a re-sent push applied once, a refusal with per-row reasons. Returns null when the batch is
 * not of this kind or the statement did not apply it.
 */
export async function tryNewRecordsOfOwnCustomers(
  client: pg.PoolClient,
  who: Principal,
  collection: PushCollection,
  incoming: Incoming,
  now: Date,
): Promise<PushOutcome | null> {
  // Corrections (a revision of an earlier record) are checked against their chain on the general path.
  if (who.role !== 'rep' || incoming.some((r) => r.ancestor !== null || r.doc.revisionOf !== r.doc.id))
    return null
  const ids = new Set(incoming.map((r) => r.doc.id))
  const customerIds = new Set(incoming.map((r) => r.doc.customerId))
  if (ids.size !== incoming.length || [...customerIds].some((c) => typeof c !== 'string')) return null
  const def = tables[collection]
  const owner = { ownerRepId: who.userId, teamId: who.teamId }
  const rows = incoming.map(({ doc }) => {
    const merged = mergeForServer('appendOnly', collection, {
      stored: null,
      incoming: doc,
      ancestor: null,
      who,
      owner,
      now,
    })
    return toRow(def, merged.doc, { owner_rep_id: owner.ownerRepId, team_id: owner.teamId })
  })
  const team = who.teamId === null ? 'NULL' : quoteLiteral(who.teamId)
  const guard = `(SELECT count(*) FROM (
       SELECT 1 FROM customers
        WHERE id = ANY(ARRAY(SELECT jsonb_array_elements_text(${sqlLiteral([...customerIds])}::jsonb)))
          AND owner_rep_id = ${quoteLiteral(who.userId)} AND team_id IS NOT DISTINCT FROM ${team}
        ORDER BY id FOR SHARE) mine) = ${customerIds.size}`
  const sql = `BEGIN; ${insertAllOrFailSql(def, sqlLiteral(rows), rows.length, guard)}; COMMIT`
  try {
    await client.query(sql)
  } catch (err) {
    if ((err as { code?: string }).code !== DIVISION_BY_ZERO) throw err
    await client.query('ROLLBACK')
    return null
  }
  return {
    conflicts: [],
    applied: rows.length,
    notice: {
      collections: [collection],
      owners: [who.userId],
      teams: who.teamId ? [who.teamId] : [],
      broadcast: false,
    },
  }
}

import { everyCollection } from '@outrider/domain'
import type pg from 'pg'
import type { ChangeNotice } from './change-bus.ts'

/** Collections whose rows hang off a customer and travel with it: [collection, table, owner field]. */
const CHILDREN = everyCollection().flatMap(([name, d]) =>
  d.scope.kind === 'owned' && d.scope.parent === 'customer'
    ? [[name, d.table, d.scope.ownerField] as const]
    : [],
)

/**
 * Moves customers (with everything hanging off them) to another rep, in the caller's transaction.
 * Rewriting the scope columns gives every row a new txid, so the new owner's next pull receives the
 * whole history although it is older than their checkpoint; the previous owner (and supervisors of a
 * team the customer left) get revocations, which their next pull delivers as deletions.
 */
export async function reassignCustomers(
  client: pg.PoolClient,
  customerIds: string[],
  toRep: { id: string; teamId: string | null },
): Promise<{ moved: number; notice: ChangeNotice }> {
  const { rows: before } = await client.query<{
    id: string
    owner_rep_id: string | null
    team_id: string | null
  }>('SELECT id, owner_rep_id, team_id FROM customers WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [
    customerIds,
  ])
  const moving = before.filter((c) => c.owner_rep_id !== toRep.id)
  const ids = moving.map((c) => c.id)
  if (ids.length === 0)
    return { moved: 0, notice: { collections: [], owners: [], teams: [], broadcast: false } }
  await client.query(
    `UPDATE customers SET owner_rep_id = $2, team_id = $3,
            doc = doc || jsonb_build_object('ownerRepId', $2::text, 'teamId', $3::text)
      WHERE id = ANY($1::text[])`,
    [ids, toRep.id, toRep.teamId],
  )
  for (const [, table, ownerField] of CHILDREN) {
    await client.query(
      `UPDATE ${table} SET owner_rep_id = $2, team_id = $3, doc = doc || jsonb_build_object('${ownerField}', $2::text)
        WHERE customer_id = ANY($1::text[])`,
      [ids, toRep.id, toRep.teamId],
    )
  }
  // Photos are no synced collection (they are fetched by id), so they only need their scope moved.
  await client.query(
    'UPDATE photos SET owner_rep_id = $2, team_id = $3 WHERE customer_id = ANY($1::text[])',
    [ids, toRep.id, toRep.teamId],
  )
  // Whoever could see these rows before and cannot now: the old owners, and supervisors of a team left behind.
  const oldOwners = [
    ...new Set(moving.map((c) => c.owner_rep_id).filter((o): o is string => !!o && o !== toRep.id)),
  ]
  const oldTeams = [
    ...new Set(moving.map((c) => c.team_id).filter((t): t is string => !!t && t !== toRep.teamId)),
  ]
  const { rows: losers } = await client.query<{ id: string }>(
    `SELECT id FROM users WHERE id = ANY($1::text[]) OR (role = 'supervisor' AND team_id = ANY($2::text[]))`,
    [oldOwners, oldTeams],
  )
  const collections: (readonly [string, string])[] = [
    ['customers', 'customers'],
    ...CHILDREN.map(([name, table]) => [name, table] as const),
  ]
  for (const u of losers) {
    for (const [collection, table] of collections) {
      const idColumn = table === 'customers' ? 'id' : 'customer_id'
      await client.query(
        `INSERT INTO scope_revocations (user_id, collection, doc_id)
         SELECT $1, $2, id FROM ${table} WHERE ${idColumn} = ANY($3::text[])
         ON CONFLICT (user_id, collection, doc_id) DO UPDATE SET txid = pg_current_xact_id()`,
        [u.id, collection, ids],
      )
    }
  }
  // The new owner (and their supervisors) may have had these revoked earlier: lift that.
  await client.query(
    `DELETE FROM scope_revocations s USING users u
      WHERE s.user_id = u.id AND (u.id = $1 OR (u.role = 'supervisor' AND u.team_id = $2))
        AND (s.doc_id = ANY($3::text[]) OR s.doc_id IN (${CHILDREN.map(
          ([, table]) => `SELECT id FROM ${table} WHERE customer_id = ANY($3::text[])`,
        ).join(' UNION ALL ')}))`,
    [toRep.id, toRep.teamId, ids],
  )
  return {
    moved: ids.length,
    notice: {
      collections: collections.map(([c]) => c),
      owners: [...oldOwners, toRep.id],
      teams: [...new Set([...oldTeams, ...(toRep.teamId ? [toRep.teamId] : [])])],
      broadcast: false,
    },
  }
}

import type { Contact, Customer, DuplicateCandidate, DuplicateSide } from '@outrider/domain'
import type { Queryable } from './queryable.ts'

/** Who may see and change a customer: its rep and its team. */
export interface CustomerScope {
  id: string
  owner_rep_id: string | null
  team_id: string | null
  deleted: boolean
}

export const customersRepo = {
  /** The scope of each customer found among `ids` (unknown ids are simply absent). */
  async scopes(db: Queryable, ids: readonly string[]): Promise<CustomerScope[]> {
    const { rows } = await db.query<CustomerScope>(
      'SELECT id, owner_rep_id, team_id, deleted FROM customers WHERE id = ANY($1::text[])',
      [ids],
    )
    return rows
  },

  async scope(db: Queryable, id: string): Promise<CustomerScope | null> {
    return (await customersRepo.scopes(db, [id]))[0] ?? null
  },
  /**
   * Live customers of a team (a supervisor's; one without a team has none) or of the whole organisation
   * (an admin's), as the duplicate detector reads them: the import checks a file's lines against these,
   * and the console looks for duplicates among them.
   */
  async duplicateCandidates(
    db: Queryable,
    scope: 'organisation' | { teamId: string | null },
  ): Promise<DuplicateCandidate[]> {
    const teamId = scope === 'organisation' ? null : scope.teamId
    const { rows } = await db.query<{
      id: string
      name: string
      phone: string | null
      city: string | null
      lat: number | null
      lng: number | null
      address: string | null
      district: string | null
    }>(
      `SELECT id, name, phone, city, lat, lng, doc->>'address' AS address, doc->>'district' AS district
         FROM customers
        WHERE NOT deleted AND doc->>'mergedInto' IS NULL ${scope === 'organisation' ? '' : 'AND team_id = $1'}`,
      scope === 'organisation' ? [] : [teamId],
    )
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      address: r.address ?? '',
      city: r.city ?? '',
      location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.district ? { district: r.district } : {}),
    }))
  },

  /** What a supervisor compares of each customer: the whole record, its live contacts, its order and visit counts. */
  async comparison(db: Queryable, ids: readonly string[]): Promise<Record<string, DuplicateSide>> {
    const { rows } = await db.query<{
      doc: Customer
      owner: string | null
      contacts: Contact[]
      orders: number
      visits: number
    }>(
      `SELECT c.doc, u.doc->>'displayName' AS owner,
              COALESCE((SELECT jsonb_agg(k.doc ORDER BY k.id) FROM contacts k
                         WHERE k.customer_id = c.id AND NOT k.deleted), '[]'::jsonb) AS contacts,
              -- A corrected order or visit is one record in several revisions.
              (SELECT count(DISTINCT COALESCE(o.doc->>'revisionOf', o.id))::int FROM orders o
                WHERE o.customer_id = c.id) AS orders,
              (SELECT count(DISTINCT COALESCE(v.doc->>'revisionOf', v.id))::int FROM visits v
                WHERE v.customer_id = c.id) AS visits
         FROM customers c LEFT JOIN users u ON u.id = c.owner_rep_id
        WHERE c.id = ANY($1::text[])`,
      [ids],
    )
    return Object.fromEntries(
      rows.map((r) => [
        r.doc.id,
        { customer: r.doc, contacts: r.contacts, orders: r.orders, visits: r.visits, owner: r.owner },
      ]),
    )
  },
}

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
}

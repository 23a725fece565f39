import type { Review } from '@outrider/domain'
import type pg from 'pg'
import type { Queryable } from './queryable.ts'

/** What a review decision needs of a stored visit: its scope, author and current review. */
export interface StoredVisit {
  owner_rep_id: string | null
  team_id: string | null
  doc: { authorId?: string; review?: Review }
}

export const visitsRepo = {
  /** The visit, locked until the transaction ends (a review is read, decided and written). */
  async lockForReview(client: pg.PoolClient, id: string): Promise<StoredVisit | null> {
    const { rows } = await client.query<StoredVisit>(
      'SELECT owner_rep_id, team_id, doc FROM visits WHERE id = $1 FOR UPDATE',
      [id],
    )
    return rows[0] ?? null
  },

  /** Stores a review (server-owned) with the server's stamp; its owner's next pull delivers it. */
  async writeReview(client: pg.PoolClient, id: string, review: Review, at: string): Promise<void> {
    await client.query(
      `UPDATE visits SET review_status = $2,
              doc = doc || jsonb_build_object('review', $3::jsonb, 'serverUpdatedAt', $4::text)
        WHERE id = $1`,
      [id, review.status, JSON.stringify(review), at],
    )
  },

  /** The customer a synced visit is for, or null when the visit has not synced yet. */
  async customerOf(db: Queryable, id: string): Promise<string | null> {
    const { rows } = await db.query<{ customer_id: string }>('SELECT customer_id FROM visits WHERE id = $1', [
      id,
    ])
    return rows[0]?.customer_id ?? null
  },
}

import type { Queryable } from './queryable.ts'

/** Who may see a photo: the rep and team of its customer when it was uploaded. */
export type PhotoScope = { owner_rep_id: string | null; team_id: string | null }

export interface NewPhoto {
  id: string
  visitId: string | null
  customerId: string
  scope: PhotoScope
  contentType: string
  bytes: Buffer
}

export const photosRepo = {
  async scope(db: Queryable, id: string): Promise<PhotoScope | null> {
    const { rows } = await db.query<PhotoScope>('SELECT owner_rep_id, team_id FROM photos WHERE id = $1', [
      id,
    ])
    return rows[0] ?? null
  },

  /** Stores a photo once: a retried upload of the same id changes nothing. */
  async insert(db: Queryable, p: NewPhoto): Promise<void> {
    await db.query(
      `INSERT INTO photos (id, visit_id, customer_id, owner_rep_id, team_id, content_type, bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [p.id, p.visitId, p.customerId, p.scope.owner_rep_id, p.scope.team_id, p.contentType, p.bytes],
    )
  },

  async read(
    db: Queryable,
    id: string,
  ): Promise<(PhotoScope & { content_type: string; bytes: Buffer }) | null> {
    const { rows } = await db.query<PhotoScope & { content_type: string; bytes: Buffer }>(
      'SELECT owner_rep_id, team_id, content_type, bytes FROM photos WHERE id = $1',
      [id],
    )
    return rows[0] ?? null
  },
}

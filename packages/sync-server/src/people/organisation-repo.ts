import type { Organisation } from '@outrider/domain'
import type { Queryable } from '../repositories/queryable.ts'

/** Stores the organisation's settings (one row of `settings`), replacing what was there. */
export async function storeOrganisation(db: Queryable, org: Organisation): Promise<void> {
  await db.query(
    "INSERT INTO settings (key, value) VALUES ('organisation', $1) ON CONFLICT (key) DO UPDATE SET value = $1",
    [JSON.stringify(org)],
  )
}

import type { CustomField } from '@outrider/domain'
import type { OutriderDb } from './device-db.ts'
import { readReference } from './schemas.ts'

/**
 * Follows the organisation's custom field definitions in the local database, each read with its
 * domain schema. The customer list loads this once the database is open (it paints before, and the
 * schemas are no part of the first paint). Returns the stop function.
 */
export function followCustomFieldDefinitions(
  db: OutriderDb,
  take: (definitions: CustomField[]) => void,
): () => void {
  const kind = 'customFieldDefinitions'
  const sub = db.reference
    .find({ selector: { kind } })
    .$.subscribe((docs) => take(docs.flatMap((d) => readReference(kind, d.toMutableJSON()) ?? [])))
  return () => sub.unsubscribe()
}

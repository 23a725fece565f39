import { z } from 'zod'
import { hlcSchema, idSchema, isoDateTimeSchema } from '../model/common.ts'

/**
 * One field edit that lost a merge: the same field of a mergeable record was changed on two sides since
 * their common ancestor and the later clock won. Kept so a supervisor can see (and redo) the lost value.
 */
export const conflictLogEntrySchema = z.object({
  /** Derived from docId, field and losing clock, so delivering the same conflict twice logs it once. */
  id: idSchema,
  /** The collection of the record (a mergeable one); a name, as this entry is itself a collection's document. */
  collection: z.string().min(1).max(64),
  docId: idSchema,
  field: z.string().min(1).max(100),
  /** JSON value; a cleared optional field is `null`. */
  winningValue: z.unknown(),
  losingValue: z.unknown(),
  winningClock: hlcSchema,
  losingClock: hlcSchema,
  losingDeviceId: z.string().min(1).max(64),
  /** When the winning edit was made (from its clock), so the entry is the same wherever it is computed. */
  at: isoDateTimeSchema,
  customerId: idSchema.optional(),
  ownerRepId: idSchema.optional(),
})
export type ConflictLogEntry = z.infer<typeof conflictLogEntrySchema>

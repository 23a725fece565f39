import { fnv1a64 } from '../protocol/fnv1a-64.ts'

/**
 * Id of the conflict entry for one losing field edit. It depends only on what lost (record, field and the
 * loser's clock), so a push delivered twice, or the same conflict met on two servers, logs one entry.
 */
export function conflictIdFor(collection: string, docId: string, field: string, losingClock: string): string {
  return `cf-${fnv1a64(`${collection}\u0000${docId}\u0000${field}\u0000${losingClock}`)}`
}

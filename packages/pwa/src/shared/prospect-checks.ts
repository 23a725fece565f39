// Loaded only by the add-prospect form (dynamic import): it pulls in pinyin-pro, which the rest of the
// app never needs at start-up (search works from the keys stored on each customer).
import {
  type DuplicateCandidate,
  type DuplicatePair,
  findDuplicateCustomers,
  searchKeysFor,
} from '@outrider/domain'

export interface LikelyDuplicate {
  id: string
  score: number
  reasons: { en: string; zh: string }[]
}

/** Local customers that are probably the prospect being added, best match first. */
export function likelyDuplicates(
  candidate: DuplicateCandidate,
  existing: readonly DuplicateCandidate[],
): LikelyDuplicate[] {
  // A shared phone number alone is worth a look before saving, even when the names differ.
  const pairs: DuplicatePair[] = findDuplicateCustomers([candidate], existing, { threshold: 0.3 })
  return pairs
    .filter((p) => p.a === candidate.id || p.b === candidate.id)
    .filter((p) => p.score >= 0.5 || p.reasons.some((r) => r.code === 'same_phone'))
    .map((p) => ({
      id: p.a === candidate.id ? p.b : p.a,
      score: p.score,
      reasons: p.reasons.filter((r) => r.weight > 0).map((r) => ({ en: r.en, zh: r.zh })),
    }))
}

export { searchKeysFor }

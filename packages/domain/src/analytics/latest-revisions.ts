/** What an append-only record (order, visit, feedback) carries to say which revision it is. */
export interface Revisioned {
  revisionOf: string
  revision: number
}

/**
 * Keeps only the newest revision of each append-only record, in input order. Corrections are rare, so
 * the common case (every record at revision 1) costs one pass and returns the input itself.
 */
export function latestRevisions<T extends Revisioned>(records: readonly T[]): readonly T[] {
  let newest: Map<string, number> | undefined
  for (const r of records) {
    if (r.revision > 1) {
      newest ??= new Map()
      if ((newest.get(r.revisionOf) ?? 0) < r.revision) newest.set(r.revisionOf, r.revision)
    }
  }
  if (newest === undefined) return records
  const seen = new Set<string>()
  const out: T[] = []
  for (const r of records) {
    const top = newest.get(r.revisionOf)
    if (top === undefined) {
      out.push(r)
    } else if (r.revision === top && !seen.has(r.revisionOf)) {
      seen.add(r.revisionOf)
      out.push(r)
    }
  }
  return out
}

/**
 * Whether a record's latest revision cancels it (an order with status `cancelled`, a visit marked
 * `cancelled`): it stays in the history and leaves every figure.
 */
export function isCancelled(r: { status?: string; cancelled?: boolean | undefined }): boolean {
  return r.status === 'cancelled' || r.cancelled === true
}

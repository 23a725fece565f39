import { stableStringify } from '../protocol/stable-stringify.ts'
import type { Revisioned } from './latest-revisions.ts'

/** A revision as history shows it: the record and who stored it, when, why. */
type HistoryRecord = Revisioned & {
  id: string
  createdAt: string
  reason?: string | undefined
  authorId?: string | undefined
  revisedBy?: string | undefined
}

/** One revision of a record and the fields it changed from the one before (none for the first). */
export interface RevisionStep<T> {
  record: T
  changed: string[]
}

/**
 * Fields that say which revision a record is, who stored it and when, rather than what it records:
 * never listed as a change.
 */
const bookkeeping: ReadonlySet<string> = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'revision',
  'revisionOf',
  'reason',
  'authorId',
  'revisedBy',
  'receivedAt',
  'serverUpdatedAt',
  'ownerRepId',
  'review',
  '_meta',
  '_rev',
  '_attachments',
  '_deleted',
])

/** The content fields that differ between two revisions, sorted. */
export function changedFields(before: object, after: object): string[] {
  const a = before as Record<string, unknown>
  const b = after as Record<string, unknown>
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys]
    .filter((k) => !bookkeeping.has(k) && stableStringify(a[k] ?? null) !== stableStringify(b[k] ?? null))
    .sort()
}

/**
 * Every revision of the record `revisionOf`, oldest first, each with what it changed. Revisions are
 * ordered by number (the server gives concurrent corrections distinct numbers), then id.
 */
export function revisionHistory<T extends HistoryRecord>(
  records: readonly T[],
  revisionOf: string,
): RevisionStep<T>[] {
  const chain = records
    .filter((r) => r.revisionOf === revisionOf)
    .sort((a, b) => a.revision - b.revision || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return chain.map((record, i) => ({
    record,
    changed: i === 0 ? [] : changedFields(chain[i - 1]!, record),
  }))
}

/** Fields the server sets on every revision; a device's correction leaves them to it. */
const serverSet = ['authorId', 'revisedBy', 'receivedAt', 'serverUpdatedAt', 'ownerRepId', 'review'] as const

/**
 * The next revision of a record: the latest revision of its chain with `changes` applied, under a new
 * id, numbered after the highest revision known, with the reason for the correction. Server-set fields
 * are left out (the server stamps them; the record stays its author's).
 */
export function nextRevision<T extends HistoryRecord>(
  chain: readonly T[],
  changes: Partial<T>,
  opts: { id: string; reason: string; at: string },
): T {
  if (chain.length === 0) throw new Error('nextRevision: no revision to correct')
  let latest = chain[0]!
  for (const r of chain) if (r.revision > latest.revision) latest = r
  const next: Record<string, unknown> = { ...latest, ...changes }
  for (const f of serverSet) delete next[f]
  for (const f of ['_meta', '_rev', '_attachments', '_deleted']) delete next[f]
  next.id = opts.id
  next.revisionOf = latest.revisionOf
  next.revision = latest.revision + 1
  next.reason = opts.reason
  next.createdAt = opts.at
  next.updatedAt = opts.at
  return next as T
}

import { resolveConflict } from '@outrider/domain'
import type { Principal } from '../auth/sessions.ts'
import type { PushCollection, PushKind } from './push-rules.ts'

export type ConflictRecord = Record<string, unknown> & {
  id: string
  ownerRepId?: string | null
  teamId?: string | null
}

type Input = {
  stored: Record<string, unknown> | null
  incoming: Record<string, unknown>
  ancestor: Record<string, unknown> | null
  who: Principal
  owner: { ownerRepId: string | null; teamId: string | null }
  now: Date
}

export type ServerMergeResult = {
  doc: Record<string, unknown>
  /** Whether the stored row must be written. */
  changed: boolean
  /** Whether the device's state differs from the result, so RxDB must take the returned master state. */
  conflictWithMaster: boolean
  conflicts: ConflictRecord[]
}

const stable = (v: unknown): string =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => (a < b ? -1 : 1)))
      : val,
  )

/**
 * Server side of a push for one row: the domain's `resolveConflict` decides the content; the server
 * then stamps the fields it owns (owner, author, receipt time), which no device can set.
 */
export function mergeForServer(kind: PushKind, collection: PushCollection, input: Input): ServerMergeResult {
  const { stored, incoming, ancestor, who, owner, now } = input
  const serverFields = (base: Record<string, unknown> | null): Record<string, unknown> => {
    const f: Record<string, unknown> = { serverUpdatedAt: now.toISOString() }
    if (collection === 'customers') Object.assign(f, { ownerRepId: owner.ownerRepId, teamId: owner.teamId })
    if (kind === 'appendOnly') {
      Object.assign(f, {
        ownerRepId: owner.ownerRepId,
        authorId: base?.authorId ?? who.userId,
        receivedAt: base?.receivedAt ?? now.toISOString(),
      })
      if (collection === 'visits') f.review = base?.review ?? { status: 'pending' }
    }
    if (collection === 'contacts') f.ownerRepId = owner.ownerRepId
    return f
  }

  if (!stored) {
    const doc = { ...incoming, ...serverFields(null) }
    return { doc, changed: true, conflictWithMaster: false, conflicts: [] }
  }
  const resolved = resolveConflict(kind, { collection, ancestor, local: incoming, remote: stored })
  const merged = resolved.merged as Record<string, unknown>
  const withoutServer = (d: Record<string, unknown>) => {
    const { serverUpdatedAt, ownerRepId, teamId, authorId, receivedAt, review, ...rest } = d
    return rest
  }
  const changed = stable(withoutServer(merged)) !== stable(withoutServer(stored))
  const doc = changed ? { ...merged, ...serverFields(stored) } : stored
  const conflicts = (resolved.conflicts as Record<string, unknown>[]).map((c) => ({
    ...c,
    id: String(c.id),
    ownerRepId: owner.ownerRepId,
    teamId: owner.teamId,
  }))
  return {
    doc,
    changed,
    conflictWithMaster: stable(withoutServer(doc)) !== stable(withoutServer(incoming)),
    conflicts,
  }
}

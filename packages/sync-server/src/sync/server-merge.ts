import {
  collectionTable,
  resolveConflict,
  type ServerStamp,
  serverOwnedFields,
  stableStringify,
} from '@outrider/domain'
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
  /** For a correction, its original's author: the record stays theirs whoever corrected it. */
  author?: string | null
}

export type ServerMergeResult = {
  doc: Record<string, unknown>
  /** Whether the stored row must be written. */
  changed: boolean
  /** Whether the device's state differs from the result, so RxDB must take the returned master state. */
  conflictWithMaster: boolean
  conflicts: ConflictRecord[]
}

/**
 * The fields the server owns, stamped by their rule in the collection table: `base` is the stored
 * version (null for a new row), whose first author, receipt time and review are kept.
 */
function serverStamps(
  collection: PushCollection,
  base: Record<string, unknown> | null,
  { who, owner, now, author }: Pick<Input, 'who' | 'owner' | 'now' | 'author'>,
): Record<string, unknown> {
  const stamps: Readonly<Record<string, ServerStamp>> = collectionTable[collection].serverOwned
  const out: Record<string, unknown> = {}
  for (const [field, stamp] of Object.entries(stamps)) {
    if (stamp === 'writeTime') out[field] = now.toISOString()
    else if (stamp === 'owner') out[field] = owner.ownerRepId
    else if (stamp === 'ownerTeam') out[field] = owner.teamId
    else if (stamp === 'author') out[field] = base?.[field] ?? author ?? who.userId
    else if (stamp === 'writer') out[field] = base?.[field] ?? who.userId
    else if (stamp === 'firstReceived') out[field] = base?.[field] ?? now.toISOString()
    else out[field] = base?.[field] ?? stamp.initial
  }
  return out
}

/** A document without the fields the server owns: what a device's version is compared on. */
function withoutServerOwned(
  collection: PushCollection,
  doc: Record<string, unknown>,
): Record<string, unknown> {
  const rest = { ...doc }
  for (const field of serverOwnedFields[collection]) delete rest[field]
  return rest
}

/**
 * Server side of a push for one row: the domain's `resolveConflict` decides the content; the server
 * then stamps the fields it owns (owner, author, receipt time), which no device can set.
 */
export function mergeForServer(kind: PushKind, collection: PushCollection, input: Input): ServerMergeResult {
  const { stored, incoming, ancestor, owner } = input
  if (!stored) {
    const doc = { ...incoming, ...serverStamps(collection, null, input) }
    return { doc, changed: true, conflictWithMaster: false, conflicts: [] }
  }
  const resolved = resolveConflict(kind, { collection, ancestor, local: incoming, remote: stored })
  const merged = resolved.merged
  const comparable = (d: Record<string, unknown>) => stableStringify(withoutServerOwned(collection, d))
  const changed = comparable(merged) !== comparable(stored)
  const doc = changed ? { ...merged, ...serverStamps(collection, stored, input) } : stored
  const conflicts = resolved.conflicts.map((c) => ({
    ...c,
    ownerRepId: owner.ownerRepId,
    teamId: owner.teamId,
  }))
  return { doc, changed, conflictWithMaster: comparable(doc) !== comparable(incoming), conflicts }
}

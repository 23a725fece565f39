import type { CollectionKind } from '../protocol/collection-definition.ts'
import type { CollectionName } from '../protocol/collection-table.ts'
import type { ConflictLogEntry } from '../protocol/conflict-log-entry.ts'
import { conflictIdFor } from './conflict-id.ts'
import { parseStamp } from './hlc.ts'
import { keyValue, mergeRecords } from './merge-records.ts'
import {
  clockOf,
  type Doc,
  isClockedField,
  isServerOwnedField,
  keyClockOf,
  keyedFields,
  keyedValue,
  keysOfEither,
  sameContent,
  unionFields,
  valueKey,
  withoutMeta,
} from './record-fields.ts'

/**
 * identical: both sides hold the same content; nothing to store.
 * remote_wins: the merge is the remote (master) version; the local side brought nothing new.
 * merged: the merge differs from the remote version and must be stored.
 * append_only_divergence: an append-only record was pushed with a different body for an existing id; the
 * stored one stays, and the device should save its version as a new revision (`asNewRevision`).
 */
export type ResolveOutcome = 'identical' | 'remote_wins' | 'merged' | 'append_only_divergence'

export interface ResolveInput<T extends Doc> {
  collection: CollectionName
  /** The version both sides started from (RxDB's assumedMasterState); null when unknown. */
  ancestor: T | null | undefined
  /** The incoming version (a device's push, RxDB's newDocumentState). */
  local: T
  /** The stored version (the server's row, RxDB's realMasterState). It is the server's side. */
  remote: T
}

export interface Resolution<T extends Doc> {
  merged: T
  conflicts: ConflictLogEntry[]
  outcome: ResolveOutcome
}

/**
 * The one conflict rule, used by the server's push, the device's RxDB conflict handler and the soak test,
 * so all of them reach the same result. Deterministic: same input, same output, no clock or randomness.
 *
 * mergeable: `mergeRecords` with `remote` as the server side (server-owned fields come from it); a field
 * edited on both sides since the ancestor keeps the later edit and logs the other as a conflict entry.
 * appendOnly: `remote` stays as it is. readOnly: `remote` wins.
 */
export function resolveConflict<T extends Doc>(kind: CollectionKind, input: ResolveInput<T>): Resolution<T> {
  const { local, remote } = input
  if (kind !== 'mergeable') {
    const merged = withoutMeta(remote) as T
    if (sameContent(withoutServerOwned(local), withoutServerOwned(remote))) {
      return { merged, conflicts: [], outcome: 'identical' }
    }
    return {
      merged,
      conflicts: [],
      outcome: kind === 'appendOnly' ? 'append_only_divergence' : 'remote_wins',
    }
  }
  if (sameContent(local, remote))
    return { merged: withoutMeta(remote) as T, conflicts: [], outcome: 'identical' }
  const merged = mergeRecords('mergeable', local, remote, { serverSide: 'b' })
  const conflicts = lostEdits(input, merged)
  return { merged, conflicts, outcome: sameContent(merged, remote) ? 'remote_wins' : 'merged' }
}

/** Fields changed on both sides since the ancestor, to different values: the loser of each is logged. */
function lostEdits<T extends Doc>(input: ResolveInput<T>, merged: T): ConflictLogEntry[] {
  const { local, remote } = input
  const entries: ConflictLogEntry[] = []
  const fields = new Set([...Object.keys(local), ...Object.keys(remote)].filter(isClockedField))
  for (const field of [...fields].sort()) {
    // A union keeps both sides' entries: nothing was lost to log.
    if (unionFields.has(field)) continue
    if (keyedFields.has(field) && keyedValue(local[field]) && keyedValue(remote[field])) {
      for (const key of keysOfEither(local[field], remote[field])) {
        const entry = lostEdit(input, merged, {
          field: `${field}.${key}`,
          clock: (doc) => keyClockOf(doc, field, key),
          value: (doc) => keyValue(doc, field, key),
        })
        if (entry) entries.push(entry)
      }
      continue
    }
    const entry = lostEdit(input, merged, {
      field,
      clock: (doc) => clockOf(doc, field),
      value: (doc) => doc[field],
    })
    if (entry) entries.push(entry)
  }
  return entries
}

type EditedValue = {
  /** The name logged: a field, or `<field>.<key>` for one key of a keyed field. */
  field: string
  clock: (doc: Doc | null | undefined) => string
  value: (doc: Doc) => unknown
}

/** The losing side of one value changed on both sides since the ancestor, or null when none lost. */
function lostEdit<T extends Doc>(
  { collection, ancestor, local, remote }: ResolveInput<T>,
  merged: T,
  { field, clock, value }: EditedValue,
): ConflictLogEntry | null {
  const base = clock(ancestor)
  const localClock = clock(local)
  const remoteClock = clock(remote)
  if (!(localClock > base && remoteClock > base) || localClock === remoteClock) return null
  if (valueKey(value(local)) === valueKey(value(remote))) return null
  const localWins = localClock > remoteClock
  const [winner, loser] = localWins ? [local, remote] : [remote, local]
  const [winningClock, losingClock] = localWins ? [localClock, remoteClock] : [remoteClock, localClock]
  const won = parseStamp(winningClock)
  const lost = parseStamp(losingClock)
  const docId = typeof merged.id === 'string' ? merged.id : ''
  if (won === null || lost === null || docId === '') return null
  // A stamp at time zero marks a generated value (a care task made by rule), not anyone's edit.
  if (lost.ms === 0) return null
  const entry: ConflictLogEntry = {
    id: conflictIdFor(collection, docId, field, losingClock),
    collection,
    docId,
    field,
    winningValue: value(winner) ?? null,
    losingValue: value(loser) ?? null,
    winningClock,
    losingClock,
    losingDeviceId: lost.deviceId,
    at: new Date(won.ms).toISOString(),
  }
  const customerId = collection === 'customers' ? docId : merged.customerId
  if (typeof customerId === 'string') entry.customerId = customerId
  if (typeof merged.ownerRepId === 'string') entry.ownerRepId = merged.ownerRepId
  return entry
}

function withoutServerOwned(doc: Doc): Doc {
  const out = withoutMeta(doc)
  for (const key of Object.keys(out)) if (isServerOwnedField(key)) delete out[key]
  return out
}

/** What an append-only record carries to say which revision it is (see `appendOnlyBase`). */
export interface RevisionFields {
  id: string
  revisionOf: string
  revision: number
}

/**
 * A device's divergent append-only record turned into the next revision of the same original, under a
 * new id, with server-owned fields removed (the server sets them again when it stores the revision).
 */
export function asNewRevision<T extends RevisionFields>(doc: T, newId: string): T {
  const out = withoutServerOwned(doc as unknown as Doc)
  out.id = newId
  out.revisionOf = doc.revisionOf
  out.revision = doc.revision + 1
  return out as unknown as T
}

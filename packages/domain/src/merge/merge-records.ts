import type { CollectionKind } from '../protocol/collection-definition.ts'
import {
  clockOf,
  clocksOf,
  compareTimes,
  type Doc,
  isClockedField,
  isServerOwnedField,
  keyClockOf,
  keyedFields,
  keyedValue,
  keysOfEither,
  unionById,
  unionFields,
  valueKey,
  withoutMeta,
} from './record-fields.ts'

export interface MergeRecordsOptions {
  /**
   * Which argument holds the server's copy. Server-owned fields (ownerRepId, teamId, repId, review,
   * authorId, receivedAt, serverUpdatedAt) are then taken from it verbatim, whatever the other side says.
   * Without it they come from the side with the later `serverUpdatedAt`: the server stamps that on every
   * write and devices never change it, so the later one is the server's latest word.
   */
  serverSide?: 'a' | 'b'
}

/**
 * The join of two versions of one record (RxDB meta fields are dropped).
 *
 * mergeable: per field, the value with the greater clock (stamps order by time, counter, device id; equal
 * stamps with different values, which correct clients never make, fall back to the greater value), except
 * grow-only sets (`unionFields`), which take the union of both sides' entries. Clocks
 * are the per-field maximum, `createdAt` the earlier, `updatedAt` the later, and a tombstone (`_deleted`)
 * sticks. Each rule is a maximum in a total order (or a union), so the join is commutative, associative and idempotent:
 * replicas that have seen the same edits agree, in whatever order and however often they arrived.
 *
 * appendOnly: the body of the first stored version (earliest `receivedAt`; stored beats unstored).
 * readOnly: the version the server wrote last.
 */
export function mergeRecords<T extends Doc>(
  kind: CollectionKind,
  a: T,
  b: T,
  options: MergeRecordsOptions = {},
): T {
  if (kind === 'mergeable') return mergeFields(a, b, options) as T
  const serverWins = options.serverSide ?? (pickServerSide(a, b) === a ? 'a' : 'b')
  if (kind === 'readOnly') return withoutMeta(serverWins === 'a' ? a : b) as T
  const body = firstStored(a, b)
  const out = withoutMeta(body)
  for (const key of Object.keys(out)) if (isServerOwnedField(key)) delete out[key]
  copyServerOwned(out, serverWins === 'a' ? a : b)
  return out as T
}

function mergeFields(a: Doc, b: Doc, options: MergeRecordsOptions): Doc {
  const out: Doc = {}
  out.id = valueKey(a.id) <= valueKey(b.id) ? a.id : b.id
  const created = compareTimes(a.createdAt, b.createdAt) <= 0 ? a.createdAt : b.createdAt
  if (created !== undefined) out.createdAt = created
  const updated = compareTimes(a.updatedAt, b.updatedAt) >= 0 ? a.updatedAt : b.updatedAt
  if (updated !== undefined) out.updatedAt = updated
  if ('_deleted' in a || '_deleted' in b) out._deleted = a._deleted === true || b._deleted === true

  // A Map, not an object: a field named like an Object.prototype member must not read the prototype.
  const clocks = new Map<string, string>()
  for (const side of [a, b]) {
    for (const [field, clock] of Object.entries(clocksOf(side))) {
      if (typeof clock === 'string' && clock > (clocks.get(field) ?? '')) clocks.set(field, clock)
    }
  }
  out.clocks = Object.fromEntries(clocks)

  const fields = new Set([...Object.keys(a), ...Object.keys(b)].filter(isClockedField))
  for (const field of fields) {
    if (unionFields.has(field) && Array.isArray(a[field]) && Array.isArray(b[field])) {
      out[field] = unionById(a[field], b[field])
      continue
    }
    if (keyedFields.has(field) && keyedValue(a[field]) && keyedValue(b[field])) {
      out[field] = mergeKeyed(a, b, field)
      continue
    }
    const winner = fieldWinner(a, b, field)
    if (winner[field] !== undefined) out[field] = winner[field]
  }

  const server = options.serverSide === undefined ? pickServerSide(a, b) : options.serverSide === 'a' ? a : b
  copyServerOwned(out, server)
  return out
}

/** A keyed field merged key by key: each key's value from the side with its later clock. */
function mergeKeyed(a: Doc, b: Doc, field: string): Doc {
  const out = new Map<string, unknown>()
  for (const key of keysOfEither(a[field], b[field])) {
    const value = keyWinner(a, b, field, key)
    if (value !== undefined) out.set(key, value)
  }
  return Object.fromEntries(out)
}

/** The winning value of one key of a keyed field: later key clock, then greater value. */
export function keyWinner(a: Doc, b: Doc, field: string, key: string): unknown {
  const va = keyValue(a, field, key)
  const vb = keyValue(b, field, key)
  const ca = keyClockOf(a, field, key)
  const cb = keyClockOf(b, field, key)
  if (ca !== cb) return ca > cb ? va : vb
  return valueKey(va) >= valueKey(vb) ? va : vb
}

export function keyValue(doc: Doc, field: string, key: string): unknown {
  const map = keyedValue(doc[field])
  return map && Object.hasOwn(map, key) ? map[key] : undefined
}

/** The side whose value of `field` wins: greater clock, then greater value (absent is least). */
export function fieldWinner<T extends Doc>(a: T, b: T, field: string): T {
  const ca = clockOf(a, field)
  const cb = clockOf(b, field)
  if (ca !== cb) return ca > cb ? a : b
  return valueKey(a[field]) >= valueKey(b[field]) ? a : b
}

function serverProjection(doc: Doc): string {
  const projection: Doc = {}
  for (const key of Object.keys(doc)) if (isServerOwnedField(key)) projection[key] = doc[key]
  return valueKey(projection)
}

function pickServerSide(a: Doc, b: Doc): Doc {
  const byTime = compareTimes(a.serverUpdatedAt, b.serverUpdatedAt)
  if (byTime !== 0) return byTime > 0 ? a : b
  return serverProjection(a) >= serverProjection(b) ? a : b
}

/** Earliest stored copy of an append-only record; unstored copies (no receivedAt) rank last. */
function firstStored(a: Doc, b: Doc): Doc {
  const sa = typeof a.receivedAt === 'string'
  const sb = typeof b.receivedAt === 'string'
  if (sa !== sb) return sa ? a : b
  const byTime = compareTimes(a.receivedAt, b.receivedAt)
  if (byTime !== 0) return byTime < 0 ? a : b
  return valueKey(withoutServerOwned(a)) <= valueKey(withoutServerOwned(b)) ? a : b
}

function withoutServerOwned(doc: Doc): Doc {
  const out = withoutMeta(doc)
  for (const key of Object.keys(out)) if (isServerOwnedField(key)) delete out[key]
  return out
}

function copyServerOwned(target: Doc, source: Doc): void {
  for (const key of Object.keys(source)) if (isServerOwnedField(key)) target[key] = source[key]
}

import {
  type AppendOnlyCollection,
  collectionTable,
  isPlausibleStamp,
  type MergeableCollection,
  type WritableCollection,
} from '@outrider/domain'
import { z } from 'zod'
import type { Principal } from '../auth/sessions.ts'

/** Collections devices push; the others are read-only for them. */
export type PushCollection = WritableCollection
export type PushKind = 'mergeable' | 'appendOnly'

/** The collection's kind if devices may push it (mergeable or append-only), else null. */
export function pushKindOf(collection: string): { collection: PushCollection; kind: PushKind } | null {
  if (!Object.hasOwn(collectionTable, collection)) return null
  const name = collection as keyof typeof collectionTable
  const kind = collectionTable[name].kind
  if (kind === 'readOnly') return null
  return { collection: name as MergeableCollection | AppendOnlyCollection, kind }
}

/**
 * A pushed document's schema without the fields the server owns: those are filled in by the server
 * (`mergeForServer`), whatever the device sent, so a device need not (and cannot) provide them. The
 * owner of an assignable row stays: a supervisor names the rep a new plan is for (the server then
 * stamps the row's owner there, which for a stored row is the stored one).
 */
const incomingSchemas = new Map<PushCollection, z.ZodObject>()
function incomingSchema(collection: PushCollection): z.ZodObject {
  let schema = incomingSchemas.get(collection)
  if (!schema) {
    const def = collectionTable[collection]
    const shape: Readonly<Record<string, z.ZodType>> = def.schema.shape
    const named = def.scope.kind === 'owned' && def.scope.assignable ? def.scope.ownerField : null
    const kept = Object.entries(shape).filter(([f]) => f === named || !Object.hasOwn(def.serverOwned, f))
    schema = z.object(Object.fromEntries(kept))
    incomingSchemas.set(collection, schema)
  }
  return schema
}

/** How far ahead of the server's clock an edit stamp may be; beyond it a device's clock is wrong. */
export const MAX_CLOCK_DRIFT_MS = 86_400_000

type Normalized =
  | { ok: true; doc: Record<string, unknown> }
  | { ok: false; message: string; details: { docId?: string; field?: string; reason: string }[] }

/** Parses a pushed document with its domain schema and drops server-owned fields and RxDB metadata. */
export function normalizeIncoming(
  collection: PushCollection,
  raw: Record<string, unknown>,
  who: Principal,
  nowMs: number,
): Normalized {
  const docId = typeof raw.id === 'string' ? raw.id : undefined
  if (raw._deleted === true) {
    return {
      ok: false,
      message: 'records are never hard-deleted; set the `deleted` field',
      details: [{ ...(docId ? { docId } : {}), field: '_deleted', reason: 'hard delete not allowed' }],
    }
  }
  const { _deleted, _meta, _rev, _attachments, ...body } = raw
  const scope = collectionTable[collection].scope
  const ownerField = scope.kind === 'owned' ? scope.ownerField : null
  // A rep's rows are always their own, whatever the device says.
  if (who.role === 'rep' && ownerField !== null) body[ownerField] = who.userId
  const parsed = incomingSchema(collection).safeParse(body)
  if (!parsed.success) {
    return {
      ok: false,
      message: `invalid ${collection} document`,
      details: parsed.error.issues
        .slice(0, 20)
        .map((i) => ({ ...(docId ? { docId } : {}), field: i.path.join('.'), reason: i.message })),
    }
  }
  // A stamp from the far future would win every later edit of that field, forever.
  const clocks = (parsed.data.clocks ?? {}) as Record<string, unknown>
  const future = Object.entries(clocks).filter(
    ([, stamp]) => typeof stamp === 'string' && !isPlausibleStamp(stamp, nowMs, MAX_CLOCK_DRIFT_MS),
  )
  if (future.length > 0) {
    return {
      ok: false,
      message: 'edit time is more than a day ahead of the server; check the device clock',
      details: future.slice(0, 20).map(([field]) => ({
        ...(docId ? { docId } : {}),
        field: `clocks.${field}`,
        reason: 'clock stamp is in the future',
      })),
    }
  }
  return { ok: true, doc: parsed.data }
}

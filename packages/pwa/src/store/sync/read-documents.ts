import { type CollectionName, parseWireDocument, type WireError } from '@outrider/domain'
import type { DeviceStore } from '../device-store.ts'
import {
  type ReferenceKind,
  type ReferenceRow,
  type RowCollection,
  type RowDocs,
  readReference,
  rowSchemas,
} from '../schemas.ts'

type Raw = Readonly<Record<string, unknown>>
type Read<T> = { ok: true; doc: T & { _deleted: boolean } } | { ok: false; error: WireError }

/** Why the domain's wire parser refuses a document (it decides; a failure here is always its reason). */
function refusal(collection: CollectionName, raw: Raw): WireError {
  const checked = parseWireDocument(collection, raw)
  return checked.ok ? { code: 'E_VALIDATION', message: `invalid ${collection} document` } : checked.error
}

/** A row document from the server, read with its collection's domain schema. */
export function readRowDocument<C extends RowCollection>(collection: C, raw: Raw): Read<RowDocs[C]> {
  const { _deleted, ...fields } = raw
  const parsed = rowSchemas[collection].safeParse(fields)
  if (parsed.success && typeof _deleted === 'boolean') return { ok: true, doc: { ...parsed.data, _deleted } }
  return { ok: false, error: refusal(collection, raw) }
}

/** A reference document from the server, stored in `reference` under `<kind>:<id>`. */
export function readReferenceDocument(kind: ReferenceKind, raw: Raw): Read<ReferenceRow> {
  const { _deleted, ...fields } = raw
  const id = typeof fields.id === 'string' ? `${kind}:${fields.id}` : ''
  const doc = readReference(kind, { ...fields, id, kind })
  if (doc && typeof _deleted === 'boolean') return { ok: true, doc: { ...doc, id, kind, _deleted } }
  return { ok: false, error: refusal(kind, raw) }
}

/**
 * Keeps what could be read; a document that could not is logged with the reasons and kept in the
 * device store's `unreadable` list (to export or report) instead of being stored as if it were valid.
 * Such a document is skipped: the device keeps its previous copy, if any, until the server sends a
 * readable one.
 */
export async function keepReadable<T>(
  device: DeviceStore,
  collection: CollectionName,
  raws: readonly Raw[],
  read: (raw: Raw) => Read<T>,
): Promise<(T & { _deleted: boolean })[]> {
  const out: (T & { _deleted: boolean })[] = []
  for (const raw of raws) {
    const result = read(raw)
    if (result.ok) {
      out.push(result.doc)
      continue
    }
    const docId = typeof raw.id === 'string' ? raw.id : ''
    const reason = (result.error.details ?? []).map((d) => `${d.field ?? ''}: ${d.reason}`).join('; ')
    console.warn(`sync: unreadable ${collection} document ${docId} from the server (${reason})`)
    await device.unreadable.put({
      id: `${collection}:${docId}`,
      collection,
      docId,
      reason: reason || result.error.message,
      doc: raw,
      at: new Date().toISOString(),
    })
  }
  return out
}

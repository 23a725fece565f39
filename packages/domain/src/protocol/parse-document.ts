import type { z } from 'zod'
import type { CollectionName } from './collection-table.ts'
import { wireDocumentSchema } from './collection-table.ts'
import type { ErrorDetail, WireError } from './errors.ts'

export type WireDocument<C extends CollectionName> = z.infer<ReturnType<typeof wireDocumentSchema<C>>>
export type DocumentParseResult<C extends CollectionName> =
  | { ok: true; doc: WireDocument<C> }
  | { ok: false; error: WireError }

/**
 * Validates one pushed or pulled document against its collection's schema. Failures are `E_VALIDATION`
 * with one detail per bad field, naming the document, so the device can show what to fix.
 */
export function parseWireDocument<C extends CollectionName>(
  collection: C,
  raw: unknown,
): DocumentParseResult<C> {
  const parsed = wireDocumentSchema(collection).safeParse(raw)
  if (parsed.success) return { ok: true, doc: parsed.data as WireDocument<C> }
  const id = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>).id : undefined
  const docId = typeof id === 'string' ? { docId: id.slice(0, 200) } : {}
  const details: ErrorDetail[] = parsed.error.issues.slice(0, 50).map((issue) => ({
    ...docId,
    ...(issue.path.length > 0 ? { field: issue.path.map(String).join('.').slice(0, 500) } : {}),
    reason: issue.message.slice(0, 1_000),
  }))
  return { ok: false, error: { code: 'E_VALIDATION', message: `invalid ${collection} document`, details } }
}

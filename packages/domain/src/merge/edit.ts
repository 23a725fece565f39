import { parseStamp } from './hlc.ts'
import { MergeError } from './merge-error.ts'
import { type Doc, isClockedField, keyedFields, keyedValue, keysOfEither, valueKey } from './record-fields.ts'

/** What every mergeable record carries for merging (see `mergeableBase`). */
export interface MergeableFields {
  id: string
  updatedAt: string
  clocks: Record<string, string>
}

/** Fields a device may edit: not identity, bookkeeping or server-owned fields (those are ignored). */
export type EditPatch<T> = Partial<Omit<T, 'id' | 'clocks' | 'createdAt' | 'updatedAt' | 'serverUpdatedAt'>>

/**
 * Applies a local edit to a mergeable record: changed fields get `stamp` as their clock and `updatedAt`
 * moves to the stamp's time (never backwards). Fields whose value is unchanged keep their clock, so a
 * form saved without changes cannot beat another device's real edit; with no change at all the same
 * object is returned. `undefined` in the patch clears an optional field.
 *
 * `stamp` must order after the record's clocks (call `clock.observe(latestStamp(doc))` before `tick()`),
 * otherwise the edit would lose the next merge.
 */
export function applyEdit<T extends MergeableFields>(doc: T, patch: EditPatch<T>, stamp: string): T {
  const parsed = parseStamp(stamp)
  if (parsed === null)
    throw new MergeError('E_BAD_STAMP', `not a clock stamp: "${String(stamp).slice(0, 100)}"`)
  const next: Doc = { ...(doc as unknown as Doc) }
  const clocks: Record<string, string> = { ...doc.clocks }
  let changed = false
  for (const field of Object.keys(patch)) {
    if (!isClockedField(field)) continue
    const value = (patch as Doc)[field]
    if (valueKey(value) === valueKey((doc as Doc)[field])) continue
    const keys = keyedFields.has(field) ? editedKeys((doc as Doc)[field], value) : null
    if (keys) {
      for (const key of keys) clocks[`${field}.${key}`] = stamp
      next[field] = value
      changed = true
      continue
    }
    if (value === undefined) delete next[field]
    else next[field] = value
    clocks[field] = stamp
    changed = true
  }
  if (!changed) return doc
  next.clocks = clocks
  next.updatedAt = Date.parse(doc.updatedAt) >= parsed.ms ? doc.updatedAt : new Date(parsed.ms).toISOString()
  return next as unknown as T
}

/**
 * A keyed field's map (a customer's `customFields`) with only `changes` applied, a key set to `undefined`
 * cleared. A form saves this, computed from the record as stored at the moment of saving, with the keys
 * the user changed: keys another device changed since the form opened keep their value and clock, where
 * the form's whole map (as it was opened) would put the old values back under a new clock.
 */
export function withKeyChanges<V>(
  current: unknown,
  changes: Readonly<Record<string, V | undefined>>,
): Record<string, V> {
  const next: Record<string, V> = {}
  const held = keyedValue(current) ?? {}
  for (const key of Object.keys(held)) if (key !== '__proto__') next[key] = held[key] as V
  for (const key of Object.keys(changes)) {
    if (key === '__proto__') continue
    const value = changes[key]
    if (value === undefined) delete next[key]
    else next[key] = value
  }
  return next
}

/** Keys of a keyed field whose value an edit changes; null when either side is not a map. */
function editedKeys(before: unknown, after: unknown): string[] | null {
  const a = keyedValue(before)
  const b = keyedValue(after)
  if (!a || !b) return null
  return keysOfEither(a, b).filter(
    (k) =>
      valueKey(Object.hasOwn(a, k) ? a[k] : undefined) !== valueKey(Object.hasOwn(b, k) ? b[k] : undefined),
  )
}

/** The greatest clock in a record, '' when none: observe it before editing so the edit orders after it. */
export function latestStamp(doc: Doc): string {
  let latest = ''
  const clocks = doc.clocks
  if (clocks !== null && typeof clocks === 'object') {
    for (const clock of Object.values(clocks)) if (typeof clock === 'string' && clock > latest) latest = clock
  }
  return latest
}

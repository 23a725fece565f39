import { allServerOwnedFields } from '../protocol/collection-table.ts'
import { stableStringify } from '../protocol/stable-stringify.ts'

/** A synced document as plain JSON data. */
export type Doc = Record<string, unknown>

/** RxDB's local bookkeeping: never replicated, never part of a document's content. */
export const rxdbMetaFields: ReadonlySet<string> = new Set(['_meta', '_rev', '_attachments'])

/** Fields a merge handles by their own rule rather than by per-field clocks. */
const structuralFields: ReadonlySet<string> = new Set(['id', 'clocks', 'createdAt', 'updatedAt', '_deleted'])

/**
 * Grow-only sets: arrays of entries with an `id` (a complaint's `steps`). Two copies merge to the union
 * of their entries, so steps taken on two devices at once are both kept; same id, greater value wins.
 */
export const unionFields: ReadonlySet<string> = new Set(['steps'])

/**
 * Maps merged key by key (a customer's `customFields`): each key has its own clock,
 * `<field>.<key>`, so values of two keys edited on two devices are both kept. A record written
 * before keys had clocks carries one clock for the whole map; a key's clock is the later of the two.
 */
export const keyedFields: ReadonlySet<string> = new Set(['customFields'])

/** The clock of one key of a keyed field (see `keyedFields`). */
export function keyClockOf(doc: Doc | null | undefined, field: string, key: string): string {
  const own = clockOf(doc, `${field}.${key}`)
  const whole = clockOf(doc, field)
  // biome-ignore lint/complexity/useMathMinMax: clock stamps are strings ordered as text; Math.max would make them numbers
  return own > whole ? own : whole
}

/** A keyed field's value as a plain map, or null when it is not one. */
export function keyedValue(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/** Keys held on either side of a keyed field, sorted so every replica visits them alike. */
export function keysOfEither(a: unknown, b: unknown): string[] {
  const keys = new Set([...Object.keys(keyedValue(a) ?? {}), ...Object.keys(keyedValue(b) ?? {})])
  keys.delete('__proto__')
  return [...keys].sort()
}

/** The union of two grow-only sets, ordered by `at` then `id` so every replica lists them alike. */
export function unionById(a: unknown, b: unknown): unknown {
  if (!Array.isArray(a) || !Array.isArray(b)) return Array.isArray(a) ? a : b
  const byId = new Map<string, unknown>()
  for (const entry of [...a, ...b]) {
    const id = idOf(entry)
    const held = byId.get(id)
    if (held === undefined || valueKey(entry) > valueKey(held)) byId.set(id, entry)
  }
  return [...byId.entries()]
    .sort(([ia, ea], [ib, eb]) => compareTimes(atOf(ea), atOf(eb)) || (ia < ib ? -1 : ia > ib ? 1 : 0))
    .map(([, entry]) => entry)
}

function idOf(entry: unknown): string {
  const id = entry !== null && typeof entry === 'object' ? (entry as Doc).id : undefined
  return typeof id === 'string' ? id : valueKey(entry)
}

function atOf(entry: unknown): unknown {
  return entry !== null && typeof entry === 'object' ? (entry as Doc).at : undefined
}

/** Fields merged by per-field clock: everything except structure, RxDB meta and server-owned fields. */
export function isClockedField(key: string): boolean {
  return (
    !structuralFields.has(key) &&
    !rxdbMetaFields.has(key) &&
    !allServerOwnedFields.has(key) &&
    key !== '__proto__'
  )
}

export function isServerOwnedField(key: string): boolean {
  return allServerOwnedFields.has(key)
}

/**
 * A total order key for field values: absent (`undefined`, a cleared optional field) sorts first, then
 * JSON text with sorted keys, so equal values compare equal whatever their key order.
 */
export function valueKey(value: unknown): string {
  return value === undefined ? '' : stableStringify(value)
}

export function withoutMeta(doc: Doc): Doc {
  const out: Doc = {}
  for (const key of Object.keys(doc)) if (!rxdbMetaFields.has(key) && key !== '__proto__') out[key] = doc[key]
  return out
}

/** Content equality, ignoring RxDB meta fields and key order. */
export function sameContent(a: Doc, b: Doc): boolean {
  return valueKey(withoutMeta(a)) === valueKey(withoutMeta(b))
}

/** Per-field clocks of a document; a document without (valid) clocks has none. */
export function clocksOf(doc: Doc): Record<string, string> {
  const clocks = doc.clocks
  if (clocks === null || typeof clocks !== 'object' || Array.isArray(clocks)) return {}
  return clocks as Record<string, string>
}

export function clockOf(doc: Doc | null | undefined, field: string): string {
  if (doc === null || doc === undefined) return ''
  const clocks = clocksOf(doc)
  const clock = Object.hasOwn(clocks, field) ? clocks[field] : undefined
  return typeof clock === 'string' ? clock : ''
}

/** Orders ISO timestamps by instant (offsets may differ), then by text so the order stays total. */
export function compareTimes(a: unknown, b: unknown): number {
  const ta = typeof a === 'string' ? Date.parse(a) : Number.NaN
  const tb = typeof b === 'string' ? Date.parse(b) : Number.NaN
  const na = Number.isNaN(ta) ? Number.NEGATIVE_INFINITY : ta
  const nb = Number.isNaN(tb) ? Number.NEGATIVE_INFINITY : tb
  if (na !== nb) return na < nb ? -1 : 1
  const sa = valueKey(a)
  const sb = valueKey(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

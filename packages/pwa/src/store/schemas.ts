import {
  type CollectionDocument,
  type CollectionName,
  collectionSchemas,
  collectionTable,
  everyCollection,
  type MergeableCollection,
  type WritableCollection,
} from '@outrider/domain'
import type { MigrationStrategies, RxJsonSchema } from 'rxdb'
import type { z } from 'zod'

type Table = typeof collectionTable

/**
 * Collections whose rows are owned by a rep (scope `owned`): each is an RxDB collection of its own on
 * the device. Every other synced entity is reference data, small and read-only on devices: they share
 * one `reference` collection keyed `<kind>:<id>`, because RxDB's open-source edition allows at most 13
 * collections per app (device-only data, such as drafts, photos and refusals, lives in Dexie instead).
 */
export type RowCollection = {
  [C in CollectionName]: Table[C]['scope'] extends { kind: 'owned' } ? C : never
}[CollectionName]
/** Server collections folded into `reference` on the device. */
export type ReferenceKind = Exclude<CollectionName, RowCollection>
export type SyncedCollection = RowCollection | 'reference'

/** A reference document of one kind, as `readReference` reads it from the device's `reference` collection. */
export type ReferenceDocOf<K extends ReferenceKind> = ReferenceDocs[K] & { kind: K }
type ReferenceDocs = { [K in ReferenceKind]: CollectionDocument<K> }

/**
 * A reference document as RxDB types it: its kind and prefixed id, the rest read by `readReference`
 * (RxDB's query types over the union of every reference document exceed what TypeScript can check).
 */
export type ReferenceRow = { id: string; kind: ReferenceKind; [field: string]: unknown }

/** The documents of each row collection, typed from the domain's collection table. */
export type RowDocs = { [C in RowCollection]: CollectionDocument<C> }
/** The documents of each device collection. */
export type DeviceDocs = RowDocs & { reference: ReferenceRow }
export type DeviceDoc<C extends SyncedCollection> = DeviceDocs[C]

const referenceSchemas: { [K in ReferenceKind]: z.ZodType<ReferenceDocs[K]> } = collectionSchemas

/** The domain schema of each row collection, typed so a generic caller gets its collection's document. */
export const rowSchemas: { [C in RowCollection]: z.ZodType<RowDocs[C]> } = collectionSchemas

/** Collections this device writes (mergeable or append-only); all of them are row collections. */
export type DeviceWritable = WritableCollection & RowCollection
export type DeviceMergeable = MergeableCollection & RowCollection

function isRowCollection(name: CollectionName): name is RowCollection {
  return collectionTable[name].scope.kind === 'owned'
}
function isReferenceKind(name: CollectionName): name is ReferenceKind {
  return !isRowCollection(name)
}

const names = everyCollection().map(([name]) => name)
export const rowCollections: readonly RowCollection[] = names.filter(isRowCollection)
export const referenceKinds: readonly ReferenceKind[] = names.filter(isReferenceKind)
export const syncedCollections: readonly SyncedCollection[] = [...rowCollections, 'reference']

export function asReferenceKind(name: string): ReferenceKind | undefined {
  return referenceKinds.find((k) => k === name)
}
export function asRowCollection(name: string): RowCollection | undefined {
  return rowCollections.find((c) => c === name)
}
export function asSyncedCollection(name: string): SyncedCollection | undefined {
  return syncedCollections.find((c) => c === name)
}

/**
 * The RxDB schema version of every device collection. Up to version 1 (visits: `checkInReason`) the RxDB
 * schema declared every field of the domain schema, so each change of a document's fields changed its
 * hash, and a phone holding data could no longer open its database unless that version was raised
 * (RxDB refuses a changed schema under an old version). Since version 2 the RxDB schema names only
 * the id and the indexed fields, which are all it needs (documents are read with the domain schemas
 * on every way in: writes, pulls, migration), so it changes only when the device indexes do.
 * `schemas.test.ts` records the schemas of this version: when they change, add one here (every
 * version migrates with `migrateDocument`).
 */
export const DEVICE_SCHEMA_VERSION = 2

/** What RxDB's schema types of a device collection: the id and the indexed string fields. */
type IndexedFields = { id: string } & Record<string, string>

/** RxDB indexes a field only when it is a required string with a maxLength. */
const indexedField = { type: 'string', maxLength: 64 } as const

/** The fields each device collection indexes, besides its id. */
export function deviceIndexes(name: SyncedCollection): readonly string[] {
  return name === 'reference' ? ['kind'] : (collectionTable[name].deviceIndexes ?? [])
}

/**
 * The RxDB schema of a device collection: the id and the indexed fields. Documents carry every field
 * of their domain schema besides (no `additionalProperties: false`, and RxDB validates nothing here).
 */
export function rxSchemaFor(name: SyncedCollection): RxJsonSchema<IndexedFields> {
  const indexes = deviceIndexes(name)
  return {
    version: DEVICE_SCHEMA_VERSION,
    primaryKey: 'id',
    type: 'object',
    properties: {
      ...Object.fromEntries(indexes.map((field) => [field, indexedField])),
      id: { type: 'string', maxLength: 100 },
    },
    required: ['id', ...indexes],
    indexes: [...indexes],
  }
}

/**
 * The document of a reference row, read with its kind's domain schema; `undefined` when the row is of
 * another kind or does not parse (rows were checked on their way in: see sync/read-documents.ts).
 */
export function readReference<K extends ReferenceKind>(
  kind: K,
  row: ReferenceRow,
): ReferenceDocOf<K> | undefined {
  if (row.kind !== kind) return undefined
  const parsed = referenceSchemas[kind].safeParse({ ...row, id: row.id.slice(kind.length + 1) })
  return parsed.success ? { ...parsed.data, kind } : undefined
}

/** One strategy per version step, each re-reading the stored document with the current domain schema. */
export function migrationStrategiesFor(name: SyncedCollection): MigrationStrategies {
  const strategies: MigrationStrategies = {}
  for (let v = 1; v <= DEVICE_SCHEMA_VERSION; v++)
    strategies[v] = (doc: unknown) => migrateDocument(name, doc)
  return strategies
}

/**
 * An old document brought to the current shape: parsed with its collection's domain schema (which
 * drops fields the model no longer has). One that does not parse is kept as it was, and the reason
 * is logged: it may hold an edit not yet pushed, and the server still checks it when it is pushed.
 */
export function migrateDocument(name: SyncedCollection, doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object') return doc
  const record: Readonly<Record<string, unknown>> = { ...doc }
  const kind = name === 'reference' ? asReferenceKind(String(record.kind)) : name
  if (kind === undefined) {
    console.warn(`outrider: kept an unreadable ${name} document on migration: unknown kind`, record.id)
    return doc
  }
  const body = name === 'reference' ? { ...record, id: String(record.id).slice(kind.length + 1) } : record
  const parsed = collectionTable[kind].schema.safeParse(body)
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    console.warn(`outrider: kept an unreadable ${name} document on migration (${reasons})`, record.id)
    return doc
  }
  // RxDB's bookkeeping (`_meta`, `_rev`, `_attachments`, `_deleted`) travels with the document.
  const bookkeeping = Object.fromEntries(Object.entries(record).filter(([k]) => k.startsWith('_')))
  return name === 'reference'
    ? { ...bookkeeping, ...parsed.data, id: record.id, kind }
    : { ...bookkeeping, ...parsed.data }
}

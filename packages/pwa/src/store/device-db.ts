import type { RxCollection, RxDatabase } from 'rxdb'
import type { DeviceDocs, RowCollection, RowDocs, SyncedCollection } from './schemas.ts'

// Types and accessors only: the screens that paint before the database opens import these, and
// must not pull RxDB and Dexie (database.ts, loaded after first paint) into the initial bundle.

export type DeviceCollections = { [C in SyncedCollection]: RxCollection<DeviceDocs[C]> }
export type RowCollections = { [C in RowCollection]: RxCollection<RowDocs[C]> }
export type OutriderDb = RxDatabase<DeviceCollections>

/** A device collection, typed by its name also where the name is a type parameter. */
export function collectionOf<C extends SyncedCollection>(
  db: OutriderDb,
  name: C,
): RxCollection<DeviceDocs[C]> {
  const collections: DeviceCollections = db
  return collections[name]
}

/** A row collection, typed by its name also where the name is a type parameter. */
export function rowsOf<C extends RowCollection>(db: OutriderDb, name: C): RxCollection<RowDocs[C]> {
  const collections: RowCollections = db
  return collections[name]
}

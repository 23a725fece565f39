import { makeConflictHandler } from '@outrider/domain'
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb'
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { rxSchemaFor, type SyncedCollection, schemaVersions, syncedCollections } from './schemas.ts'

addRxPlugin(RxDBLeaderElectionPlugin)
addRxPlugin(RxDBMigrationSchemaPlugin)

/** Every version step keeps the document as it is: fields added to a synced document are optional. */
const keepAsIs = (name: SyncedCollection) =>
  Object.fromEntries(Array.from({ length: schemaVersions[name] ?? 0 }, (_, i) => [i + 1, (doc: Doc) => doc]))

type Doc = Record<string, unknown> & { id: string }
export type OutriderDb = RxDatabase<Record<SyncedCollection, RxCollection<Doc>>>

/** One IndexedDB database per signed-in user, so two people on one phone never see each other's data. */
export async function openLocalDb(userId: string): Promise<OutriderDb> {
  const db = (await createRxDatabase({
    name: `outrider-${userId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`,
    storage: getRxStorageDexie(),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  })) as unknown as OutriderDb
  const collections = Object.fromEntries(
    syncedCollections.map((name) => [
      name,
      // Reference data is read-only on devices: the server's state always wins.
      {
        schema: rxSchemaFor(name),
        migrationStrategies: keepAsIs(name),
        conflictHandler: makeConflictHandler(name === 'reference' ? 'products' : name),
      },
    ]),
  )
  await db.addCollections(collections as never)
  return db
}

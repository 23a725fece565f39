import { makeConflictHandler } from '@outrider/domain'
import { addRxPlugin, createRxDatabase, type RxCollectionCreator } from 'rxdb'
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import type { DeviceCollections, OutriderDb } from './device-db.ts'
import { migrationStrategiesFor, rxSchemaFor, type SyncedCollection, syncedCollections } from './schemas.ts'

addRxPlugin(RxDBLeaderElectionPlugin)
addRxPlugin(RxDBMigrationSchemaPlugin)

/** The IndexedDB name of a user's database. */
export const localDbName = (userId: string) => `outrider-${userId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`

function creator(name: SyncedCollection): RxCollectionCreator {
  return {
    schema: rxSchemaFor(name),
    migrationStrategies: migrationStrategiesFor(name),
    // Reference data is read-only on devices: the server's state always wins.
    conflictHandler: makeConflictHandler(name === 'reference' ? 'products' : name),
  }
}

/**
 * One IndexedDB database per signed-in user, so two people on one phone never see each other's data.
 * Documents stored under an older schema version are migrated while it opens (see `schemas.ts`).
 */
export async function openLocalDb(userId: string): Promise<OutriderDb> {
  const db = await createRxDatabase<DeviceCollections>({
    name: localDbName(userId),
    storage: getRxStorageDexie(),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  })
  await db.addCollections(Object.fromEntries(syncedCollections.map((name) => [name, creator(name)])))
  return db
}

import { type RxCollection, type RxDatabase, addRxPlugin, createRxDatabase } from 'rxdb'
import { RxDBLeaderElectionPlugin } from 'rxdb/plugins/leader-election'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { makeConflictHandler } from '@outrider/domain'
import { localSchemas, rxSchemaFor, type SyncedCollection, syncedCollections } from './schemas.ts'

addRxPlugin(RxDBLeaderElectionPlugin)

type Doc = Record<string, unknown> & { id: string }
export type LocalCollection = keyof typeof localSchemas
export type OutriderDb = RxDatabase<Record<SyncedCollection | LocalCollection, RxCollection<Doc>>>

const conflictHandlerFor = makeConflictHandler

/** One IndexedDB database per signed-in user, so two people on one phone never see each other's data. */
export async function openLocalDb(userId: string): Promise<OutriderDb> {
  const db = (await createRxDatabase({
    name: `outrider-${userId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}`,
    storage: getRxStorageDexie(),
    multiInstance: true,
    eventReduce: true,
    closeDuplicates: true,
  })) as unknown as OutriderDb
  const synced = Object.fromEntries(
    syncedCollections.map((name) => [name, { schema: rxSchemaFor(name), conflictHandler: conflictHandlerFor(name) }]),
  )
  const local = Object.fromEntries(Object.entries(localSchemas).map(([name, schema]) => [name, { schema }]))
  await db.addCollections({ ...synced, ...local } as never)
  return db
}

import 'fake-indexeddb/auto'
import { createRxDatabase } from 'rxdb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { describe, expect, it } from 'vitest'
import { openLocalDb } from './database.ts'
import { rxSchemaFor } from './schemas.ts'

describe('a phone that holds visits from before the check-in reason', () => {
  it('opens after the update with its visits kept, and stores a reason on new ones', async () => {
    const userId = `u-${crypto.randomUUID()}`
    // The visits collection as the previous release created it: version 0, without checkInReason.
    const current = rxSchemaFor('visits')
    const { checkInReason: _, ...oldProperties } = current.properties as Record<string, unknown>
    const old = await createRxDatabase({ name: `outrider-${userId}`, storage: getRxStorageDexie() })
    await old.addCollections({
      visits: { schema: { ...current, version: 0, properties: oldProperties } as never },
    })
    await old.visits!.insert({ id: 'visit-1', customerId: 'c-1', notes: '上次的拜访' })
    await old.close()

    const db = await openLocalDb(userId)
    expect((await db.visits.findOne('visit-1').exec())?.toJSON()).toMatchObject({ notes: '上次的拜访' })
    await db.visits.insert({ id: 'visit-2', customerId: 'c-1', checkInReason: '门店搬迁' })
    expect((await db.visits.findOne('visit-2').exec())?.get('checkInReason')).toBe('门店搬迁')
    await db.remove()
  })
})

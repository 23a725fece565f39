import 'fake-indexeddb/auto'
import { afterEach, beforeEach, vi } from 'vitest'
import { openLocalDb } from './database.ts'
import type { OutriderDb } from './device-db.ts'
import { createMergeable, type NewMergeable } from './writes.ts'

/**
 * A phone's local database for store tests, in fake IndexedDB with a memory localStorage (the device
 * clock keeps its counter there). Call at the top of a test file: every test's databases are removed
 * after it, and its localStorage starts empty.
 */
export function testPhones() {
  const opened: OutriderDb[] = []
  beforeEach(() => {
    const data = new Map<string, string>()
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    })
  })
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.remove()
    vi.unstubAllGlobals()
  })

  /** A new phone (its own database) holding customer c-1 of rep1, with the given fields changed. */
  async function phoneWithCustomer(over: Partial<NewMergeable<'customers'>> = {}): Promise<OutriderDb> {
    const db = await openLocalDb(`u-${crypto.randomUUID()}`)
    opened.push(db)
    await createMergeable(db, 'customers', {
      id: 'c-1',
      name: '老王小卖部',
      searchKeys: [],
      status: 'customer',
      address: '人民路 1 号',
      city: '杭州',
      location: null,
      openingHours: [[], [], [], [], [], [], []],
      ownerRepId: 'rep1',
      teamId: 't1',
      tags: [],
      customFields: {},
      ...over,
    })
    return db
  }
  return { phoneWithCustomer }
}

import 'fake-indexeddb/auto'
import { withKeyChanges } from '@outrider/domain'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openLocalDb } from './database.ts'
import type { OutriderDb } from './device-db.ts'
import { createMergeable, editMergeable } from './writes.ts'

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

async function phoneWithCustomer() {
  const db = await openLocalDb(`u-${crypto.randomUUID()}`)
  opened.push(db)
  await createMergeable(db, 'customers', {
    id: 'c-1',
    name: '老王小卖部',
    searchKeys: ['laowang'],
    status: 'customer',
    address: '人民路 1 号',
    city: '杭州',
    phone: '13800000000',
    location: { lat: 30.25, lng: 120.16 },
    openingHours: [[], [], [], [], [], [], []],
    ownerRepId: 'rep1',
    teamId: 't1',
    tags: [],
    customFields: {},
  })
  return db
}

describe('editing a record on the phone', () => {
  it('a cleared field is gone from the stored record, with its own clock for the merge', async () => {
    const db = await phoneWithCustomer()
    const before = (await db.customers.findOne('c-1').exec())?.toMutableJSON()
    await editMergeable(db, 'customers', 'c-1', { phone: undefined })
    const after = (await db.customers.findOne('c-1').exec())?.toMutableJSON()
    expect(after).not.toHaveProperty('phone')
    expect(after?.name).toBe('老王小卖部')
    expect(after?.clocks.phone).not.toBe(before?.clocks.phone)
    expect(after?.clocks.name).toBe(before?.clocks.name)
  })

  it('a save without changes writes nothing', async () => {
    const db = await phoneWithCustomer()
    const rev = (await db.customers.findOne('c-1').exec())?.revision
    await editMergeable(db, 'customers', 'c-1', { phone: '13800000000', name: '老王小卖部' })
    expect((await db.customers.findOne('c-1').exec())?.revision).toBe(rev)
  })

  it('custom fields saved key by key keep a key another phone changed while the form was open', async () => {
    const db = await phoneWithCustomer()
    await editMergeable(db, 'customers', 'c-1', { customFields: { payment: '月结', credit: 5000 } })
    const opened = (await db.customers.findOne('c-1').exec())?.toMutableJSON()
    // A pull lands another phone's credit while this phone's form is open on the old values.
    await editMergeable(db, 'customers', 'c-1', { customFields: { payment: '月结', credit: 8000 } })
    const pulled = (await db.customers.findOne('c-1').exec())?.toMutableJSON()
    const saved = await editMergeable(db, 'customers', 'c-1', (stored) => ({
      customFields: withKeyChanges(stored.customFields, { payment: '现结' }),
    }))
    expect(saved.customFields).toEqual({ payment: '现结', credit: 8000 })
    expect(saved.clocks['customFields.credit']).toBe(pulled?.clocks['customFields.credit'])
    expect(saved.clocks['customFields.payment']).not.toBe(opened?.clocks['customFields.payment'])
  })
})

import { describe, expect, it } from 'vitest'
import type { OutriderDb } from './device-db.ts'
import { recordOrder } from './order-writes.ts'
import { testPhones } from './phone-db.test-helpers.ts'

const { phoneWithCustomer } = testPhones()
const phoneWith = (status: 'prospect' | 'customer' | 'inactive') =>
  phoneWithCustomer({ name: '新开的便利店', address: '人民路 2 号', status })

const statusOf = async (db: OutriderDb) => (await db.customers.findOne('c-1').exec())?.toMutableJSON().status

const order = (id: string, status: 'placed' | 'cancelled' = 'placed') => ({
  id,
  customerId: 'c-1',
  visitId: null,
  orderedAt: '2026-03-01T02:00:00.000Z',
  status,
  lines: [{ productId: 'p-1', name: '矿泉水', quantity: 2, unitPrice: 3 }],
})

describe('recording an order on the phone (offline)', () => {
  it('makes a prospect a customer, with its own clock for the merge', async () => {
    const db = await phoneWith('prospect')
    const before = (await db.customers.findOne('c-1').exec())?.toMutableJSON()
    await recordOrder(db, order('o-1'))
    const after = (await db.customers.findOne('c-1').exec())?.toMutableJSON()
    expect(after?.status).toBe('customer')
    expect(after?.clocks.status).not.toBe(before?.clocks.status)
    expect(after?.clocks.name).toBe(before?.clocks.name)
    expect(await db.orders.count().exec()).toBe(1)
  })

  it('stores a retried order once, and makes the customer one even if the first try stopped half-way', async () => {
    const db = await phoneWith('prospect')
    await recordOrder(db, order('o-1'))
    await recordOrder(db, order('o-1'))
    expect(await db.orders.count().exec()).toBe(1)
    expect(await statusOf(db)).toBe('customer')
  })

  it('leaves an inactive customer inactive', async () => {
    const inactive = await phoneWith('inactive')
    await recordOrder(inactive, order('o-2'))
    expect(await statusOf(inactive)).toBe('inactive')
  })

  it('leaves a prospect whose order was cancelled a prospect', async () => {
    const prospect = await phoneWith('prospect')
    await recordOrder(prospect, order('o-3', 'cancelled'))
    expect(await statusOf(prospect)).toBe('prospect')
  })
})

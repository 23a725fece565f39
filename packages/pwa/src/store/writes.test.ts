import { withKeyChanges } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { testPhones } from './phone-db.test-helpers.ts'
import { editMergeable } from './writes.ts'

const { phoneWithCustomer: phoneWith } = testPhones()
const phoneWithCustomer = () =>
  phoneWith({ searchKeys: ['laowang'], phone: '13800000000', location: { lat: 30.25, lng: 120.16 } })

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

import { describe, expect, it } from 'vitest'
import { customerSchema } from '../model/customer.ts'
import { applyEdit, latestStamp } from './edit.ts'
import { createClock, formatStamp } from './hlc.ts'
import { MergeError } from './merge-error.ts'
import { sampleCustomer } from './sample-records.test-helpers.ts'

const T1 = Date.parse('2026-03-05T10:00:00.000Z')

describe('applyEdit', () => {
  it('stamps only the fields whose value changed and moves updatedAt to the edit time', () => {
    const before = sampleCustomer()
    const stamp = formatStamp(T1, 0, 'dev-a')
    const after = applyEdit(before, { phone: '139-0000-0000', city: before.city }, stamp)
    expect(after.phone).toBe('139-0000-0000')
    expect(after.clocks).toEqual({ phone: stamp })
    expect(after.updatedAt).toBe('2026-03-05T10:00:00.000Z')
    expect(customerSchema.safeParse(after).success).toBe(true)
    expect(before.phone).toBe('021-5555-0101')
  })

  it('treats equal structures as unchanged whatever their key order', () => {
    const before = sampleCustomer()
    const after = applyEdit(before, { location: { lng: 121.5, lat: 31.23 } }, formatStamp(T1, 0, 'dev-a'))
    expect(after).toBe(before)
  })

  it('clears an optional field when the patch sets it to undefined', () => {
    const stamp = formatStamp(T1, 0, 'dev-a')
    const after = applyEdit(sampleCustomer(), { phone: undefined }, stamp)
    expect(after).not.toHaveProperty('phone')
    expect(after.clocks.phone).toBe(stamp)
  })

  it('ignores server-owned fields a device tries to set', () => {
    const before = sampleCustomer()
    const after = applyEdit(before, { ownerRepId: 'rep-evil', teamId: null }, formatStamp(T1, 0, 'dev-a'))
    expect(after).toBe(before)
  })

  it('never moves updatedAt backwards', () => {
    const before = sampleCustomer({ updatedAt: '2026-04-01T00:00:00.000Z' })
    const after = applyEdit(before, { notes: '新店' }, formatStamp(T1, 0, 'dev-a'))
    expect(after.updatedAt).toBe('2026-04-01T00:00:00.000Z')
  })

  it('orders an edit after the record when the clock observed it first', () => {
    const remoteStamp = formatStamp(T1 + 60_000, 3, 'dev-z')
    const record = sampleCustomer({ clocks: { name: remoteStamp }, name: '华联' })
    const clock = createClock('dev-a', () => T1)
    clock.observe(latestStamp(record))
    const edited = applyEdit(record, { name: '华联超市(浦东店)' }, clock.tick())
    expect(edited.clocks.name! > remoteStamp).toBe(true)
  })

  it('rejects a malformed stamp', () => {
    expect(() => applyEdit(sampleCustomer(), { notes: 'x' }, '2026-03-05')).toThrow(MergeError)
  })
})

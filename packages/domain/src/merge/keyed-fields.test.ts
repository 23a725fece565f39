import { describe, expect, it } from 'vitest'
import { customerSchema } from '../model/customer.ts'
import { applyEdit, withKeyChanges } from './edit.ts'
import { formatStamp } from './hlc.ts'
import { mergeRecords } from './merge-records.ts'
import { resolveConflict } from './resolve-conflict.ts'
import { sampleCustomer } from './sample-records.test-helpers.ts'

const T = Date.parse('2026-03-05T10:00:00.000Z')
const at = (offsetMs: number, device: string) => formatStamp(T + offsetMs, 0, device)

describe('custom fields merge key by key', () => {
  const ancestor = sampleCustomer({ customFields: { payment: '月结', credit: 5000 } })

  it('keeps custom fields edited offline on two devices, each key its own', () => {
    const a = applyEdit(
      ancestor,
      { customFields: { ...ancestor.customFields, payment: '现结' } },
      at(0, 'dev-a'),
    )
    const b = applyEdit(
      ancestor,
      { customFields: { ...ancestor.customFields, credit: 8000, region: '北' } },
      at(1, 'dev-b'),
    )
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor,
      local: a,
      remote: b,
    })
    expect(merged.customFields).toEqual({ payment: '现结', credit: 8000, region: '北' })
    expect(conflicts).toEqual([])
    expect(customerSchema.safeParse(merged).success).toBe(true)
    expect(mergeRecords('mergeable', b, a).customFields).toEqual(merged.customFields)
  })

  it('a form opened before another device’s edit arrived saves its own key only, the other key stays', () => {
    // Device B raises the credit; device A pulls it while its form (opened on the ancestor) is open.
    const b = applyEdit(
      ancestor,
      { customFields: withKeyChanges(ancestor.customFields, { credit: 8000 }) },
      at(1, 'dev-b'),
    )
    const a = applyEdit(
      b,
      { customFields: withKeyChanges(b.customFields, { payment: '现结' }) },
      at(2, 'dev-a'),
    )
    expect(a.customFields).toEqual({ payment: '现结', credit: 8000 })
    expect(a.clocks['customFields.credit']).toBe(at(1, 'dev-b'))
    // The form's whole map as opened would have put the old credit back under A's clock.
    const stale = applyEdit(
      b,
      { customFields: { ...ancestor.customFields, payment: '现结' } },
      at(2, 'dev-a'),
    )
    expect(stale.customFields.credit).toBe(5000)
    // The server merges A's push with B's stored version: both keys as their devices left them.
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor: b,
      local: a,
      remote: b,
    })
    expect([merged.customFields, conflicts]).toEqual([{ payment: '现结', credit: 8000 }, []])
  })

  it('two devices offline, each changing (or clearing) a different key: both changes survive either merge order', () => {
    const a = applyEdit(
      ancestor,
      { customFields: withKeyChanges(ancestor.customFields, { credit: undefined, region: '东' }) },
      at(0, 'dev-a'),
    )
    const b = applyEdit(
      ancestor,
      { customFields: withKeyChanges(ancestor.customFields, { payment: '现结' }) },
      at(1, 'dev-b'),
    )
    expect(Object.keys(a.clocks).sort()).toEqual(['customFields.credit', 'customFields.region'])
    const ab = mergeRecords('mergeable', a, b)
    expect(ab.customFields).toEqual({ payment: '现结', region: '东' })
    expect(mergeRecords('mergeable', b, a).customFields).toEqual(ab.customFields)
    expect(
      resolveConflict('mergeable', { collection: 'customers', ancestor, local: b, remote: a }).merged
        .customFields,
    ).toEqual(ab.customFields)
  })

  it('stamps only the keys an edit changed', () => {
    const edited = applyEdit(ancestor, { customFields: { payment: '现结', credit: 5000 } }, at(0, 'dev-a'))
    expect(Object.keys(edited.clocks)).toEqual(['customFields.payment'])
  })

  it('keeps a key cleared on one device when the other edited another key', () => {
    const { credit: _, ...withoutCredit } = ancestor.customFields
    const a = applyEdit(ancestor, { customFields: withoutCredit }, at(0, 'dev-a'))
    const b = applyEdit(
      ancestor,
      { customFields: { ...ancestor.customFields, payment: '现结' } },
      at(1, 'dev-b'),
    )
    expect(mergeRecords('mergeable', a, b).customFields).toEqual({ payment: '现结' })
  })

  it('logs the losing value of one key edited on both devices under that key', () => {
    const a = applyEdit(
      ancestor,
      { customFields: { ...ancestor.customFields, payment: '现结' } },
      at(5, 'dev-a'),
    )
    const b = applyEdit(
      ancestor,
      { customFields: { ...ancestor.customFields, payment: '季结' } },
      at(1, 'dev-b'),
    )
    const { merged, conflicts } = resolveConflict('mergeable', {
      collection: 'customers',
      ancestor,
      local: a,
      remote: b,
    })
    expect(merged.customFields.payment).toBe('现结')
    expect(conflicts).toMatchObject([
      { field: 'customFields.payment', winningValue: '现结', losingValue: '季结', losingDeviceId: 'dev-b' },
    ])
  })

  it('orders a key edit after a whole-map clock of a record written before keys had clocks', () => {
    const older = sampleCustomer({
      customFields: { payment: '月结' },
      clocks: { customFields: at(0, 'old') },
    })
    const newer = applyEdit(older, { customFields: { payment: '现结' } }, at(10, 'dev-a'))
    const stale = { ...older, customFields: { payment: '季结' }, clocks: { customFields: at(5, 'old') } }
    expect(mergeRecords('mergeable', newer, stale).customFields).toEqual({ payment: '现结' })
    expect(mergeRecords('mergeable', stale, newer).customFields).toEqual({ payment: '现结' })
  })
})

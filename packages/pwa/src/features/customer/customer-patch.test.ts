import type { Customer, CustomField } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { type CustomerFormValues, customerPatch, customFieldsEdit } from './customer-patch.ts'

const closed: Customer['openingHours'] = [[], [], [], [], [], [], []]
const customer = {
  name: '老街便利店',
  phone: '13800000000',
  address: '老街 1 号',
  notes: '',
  tags: ['便利店'],
  industry: '零售',
  location: { lat: 30.1, lng: 120.2 },
  openingHours: closed,
} as unknown as Customer
const form = (over: Partial<CustomerFormValues> = {}): CustomerFormValues => ({
  name: customer.name,
  phone: customer.phone ?? '',
  address: customer.address,
  notes: '',
  tags: '便利店',
  industry: '零售',
  location: customer.location,
  openingHours: closed,
  ...over,
})

describe('customerPatch: only what the rep changed goes out (each changed field gets a clock)', () => {
  it('an untouched form changes nothing', () => {
    expect(customerPatch(customer, form())).toEqual({})
  })

  it('opening hours with two windows a day are kept in order; location and industry change alone', () => {
    const monday = [
      { open: 14 * 60, close: 20 * 60 },
      { open: 8 * 60, close: 12 * 60 },
    ]
    const patch = customerPatch(
      customer,
      form({
        openingHours: [[], monday, [], [], [], [], []],
        location: { lat: 31.23, lng: 121.47 },
        industry: '餐饮',
        tags: '便利店，连锁, 便利店',
      }),
    )
    expect(patch).toEqual({
      openingHours: [[], [monday[1], monday[0]], [], [], [], [], []],
      location: { lat: 31.23, lng: 121.47 },
      industry: '餐饮',
      tags: ['便利店', '连锁'],
    })
  })

  it('removing the location sends null; a blank phone keeps the stored one', () => {
    expect(customerPatch(customer, form({ location: null, phone: ' ' }))).toEqual({ location: null })
  })
})

const field = (key: string, type: CustomField['type'], over: Partial<CustomField> = {}): CustomField => ({
  id: `cf-${key}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  key,
  label: { en: key, zh: key },
  type,
  options: type === 'choice' ? ['月结', '现金'] : [],
  required: false,
  active: true,
  ...over,
})
const fields = [
  field('area', 'number'),
  field('opened', 'date'),
  field('payment', 'choice', { required: true }),
  field('remark', 'text'),
]

describe('customFieldsEdit: custom fields typed in the form', () => {
  it('reads each field by its type and changes only what was typed', () => {
    const edit = customFieldsEdit(
      { payment: '现金', legacy: 'kept' },
      { area: '１,200.5', opened: '2026/3/7', payment: '月结', remark: '' },
      fields,
    )
    // Only the typed keys: `legacy`, not offered, is not in the change and so stays as stored.
    expect(edit).toEqual({
      issues: [],
      changes: { area: 1200.5, opened: '2026-03-07', payment: '月结' },
    })
  })

  it('names every refused field, including an empty required one, and saves nothing', () => {
    const edit = customFieldsEdit({}, { area: '大约一百', opened: '3月7日', payment: '' }, fields)
    expect(edit.changes).toBeNull()
    expect(edit.issues).toEqual([
      { key: 'area', problem: 'number' },
      { key: 'opened', problem: 'date' },
      { key: 'payment', problem: 'required' },
    ])
  })

  it('clears an emptied field, and leaves a value shown as it was stored alone', () => {
    const stored = { area: 'about 80', remark: 'old', payment: '现金' }
    const edit = customFieldsEdit(stored, { area: 'about 80', remark: '', payment: '现金' }, fields)
    expect(edit).toEqual({ issues: [], changes: { remark: undefined } })
    expect(Object.hasOwn(edit.changes ?? {}, 'remark')).toBe(true)
    expect(
      customFieldsEdit(stored, { area: 'about 80', remark: 'old', payment: '现金' }, fields).changes,
    ).toBeNull()
  })
})

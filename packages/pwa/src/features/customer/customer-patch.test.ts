import type { Customer } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { type CustomerFormValues, customerPatch } from './customer-patch.ts'

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

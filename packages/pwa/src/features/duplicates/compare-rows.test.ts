import type { CustomField, DuplicateSide } from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import { compareRows } from './compare-rows.ts'

const T0 = '2026-01-01T00:00:00.000Z'
const side = (
  id: string,
  over: Record<string, unknown>,
  extra: Partial<DuplicateSide> = {},
): DuplicateSide => ({
  customer: {
    id,
    createdAt: T0,
    updatedAt: T0,
    clocks: {},
    name: '好邻居便利店',
    searchKeys: [],
    status: 'customer',
    address: '文三路 1 号',
    city: '杭州',
    location: null,
    openingHours: [[], [], [], [], [], [], []],
    ownerRepId: null,
    teamId: 'team-a',
    tags: [],
    customFields: {},
    ...over,
  } as DuplicateSide['customer'],
  contacts: [],
  orders: 0,
  visits: 0,
  owner: null,
  ...extra,
})
const payment: CustomField = {
  id: 'cf-payment',
  createdAt: T0,
  updatedAt: T0,
  key: 'payment',
  label: { en: 'Payment terms', zh: '结算方式' },
  type: 'choice',
  options: ['月结', '现金'],
  required: false,
  active: true,
}

describe('compareRows: two customers side by side', () => {
  const a = side(
    'c1',
    { phone: '13800000001', customFields: { payment: '月结' } },
    {
      orders: 3,
      visits: 2,
      owner: '王建国',
      contacts: [
        {
          id: 'k1',
          createdAt: T0,
          updatedAt: T0,
          clocks: {},
          customerId: 'c1',
          name: '李经理',
          phone: '137',
          primary: true,
        },
      ],
    },
  )
  const b = side('c2', { name: '好邻居 便利店', customFields: { legacy: 'x' } }, { visits: 2 })
  const rows = compareRows(a, b, [payment], 'zh-CN', (s) => `状态:${s}`)
  const byKey = new Map(rows.map((r) => [r.key, r]))

  it('shows every field, each custom field either holds, the contacts and the history, marking what differs', () => {
    expect(rows.map((r) => r.key)).toEqual([
      'name',
      'phone',
      'address',
      'city',
      'district',
      'industry',
      'status',
      'owner',
      'tags',
      'notes',
      'location',
      'created',
      'custom.legacy',
      'custom.payment',
      'contacts',
      'orders',
      'visits',
    ])
    expect(byKey.get('custom.payment')).toMatchObject({
      label: { text: '结算方式' },
      left: '月结',
      right: '',
      differs: true,
    })
    expect(byKey.get('custom.legacy')).toMatchObject({ label: { text: 'legacy' }, left: '', right: 'x' })
    expect(byKey.get('contacts')).toMatchObject({ left: '李经理 · 137', right: '', differs: true })
    expect(byKey.get('orders')).toMatchObject({ left: '3', right: '0', differs: true })
    expect(byKey.get('visits')?.differs).toBe(false)
    expect(byKey.get('address')?.differs).toBe(false)
    expect(byKey.get('status')?.left).toBe('状态:customer')
  })
})

import { describe, expect, it } from 'vitest'
import { type ConflictDoc, deviceOfClock, filterConflicts, showValue } from './conflict-rows.ts'

const entry = (id: string, over: Partial<ConflictDoc>): ConflictDoc => ({
  id,
  collection: 'customers',
  docId: 'c1',
  field: 'phone',
  winningValue: '138',
  losingValue: '139',
  winningClock: '1767225600000-0001-dev-a',
  losingClock: '1767225500000-0000-dev-b',
  losingDeviceId: 'dev-b',
  at: '2026-01-01T00:00:00.000Z',
  customerId: 'c1',
  ownerRepId: 'rep-1',
  ...over,
})

describe('conflict rows', () => {
  it('reads the winning device from its clock and shows values plainly', () => {
    expect(deviceOfClock('1767225600000-0001-dev-a')).toBe('dev-a')
    expect(deviceOfClock('garbage')).toBe('?')
    expect(showValue(null)).toBe('—')
    expect(showValue({ lat: 1 })).toBe('{"lat":1}')
  })

  it('filters by rep and customer name, newest first', () => {
    const rows = [
      entry('x', {}),
      entry('y', { at: '2026-02-01T00:00:00.000Z', customerId: 'c2', ownerRepId: 'rep-2' }),
      entry('z', { at: '2026-03-01T00:00:00.000Z' }),
    ]
    const names = (id: string | undefined) => (id === 'c1' ? '华联超市' : '永辉')
    expect(filterConflicts(rows, '', '', names).map((r) => r.id)).toEqual(['z', 'y', 'x'])
    expect(filterConflicts(rows, 'rep-2', '', names).map((r) => r.id)).toEqual(['y'])
    expect(filterConflicts(rows, '', '华联', names).map((r) => r.id)).toEqual(['z', 'x'])
  })
})

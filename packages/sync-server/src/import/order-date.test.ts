import { describe, expect, it } from 'vitest'
import { parseOrderDate } from './order-date.ts'

describe('order dates from spreadsheets', () => {
  it('reads dates as China time and rejects impossible ones', () => {
    expect(parseOrderDate('2026-03-01')).toBe('2026-02-28T16:00:00.000Z')
    expect(parseOrderDate('2026/3/1 14:30')).toBe('2026-03-01T06:30:00.000Z')
    expect(parseOrderDate('2026-03-01T08:00:00Z')).toBe('2026-03-01T08:00:00.000Z')
    for (const bad of ['2026-02-30', '01/03/2026', '', 'yesterday'])
      expect(parseOrderDate(bad), bad).toBeNull()
  })
})

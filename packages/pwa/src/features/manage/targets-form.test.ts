import { describe, expect, it } from 'vitest'
import { draftOf, readDraft } from './targets-form.ts'

const draft = {
  visits: '40',
  contacts: '60',
  orders: '12',
  visitCoverage: '90',
  careOnTime: '85',
  openComplaints: '2',
}

describe('monthly targets form', () => {
  it('reads percentages as shares and round-trips what is stored', () => {
    const read = readDraft(draft)
    expect(read).toEqual({
      ok: true,
      targets: {
        visits: 40,
        contacts: 60,
        orders: 12,
        visitCoverage: 0.9,
        careOnTime: 0.85,
        openComplaints: 2,
      },
    })
    if (read.ok) expect(draftOf(read.targets)).toEqual(draft)
  })

  it('names every wrong field: empty, negative, fractional counts, percentages over 100', () => {
    const read = readDraft({ ...draft, visits: '', orders: '-1', contacts: '2.5', careOnTime: '120' })
    expect(read.ok).toBe(false)
    if (read.ok) return
    const byField = Object.fromEntries(read.issues.map((i) => [i.path.join('.'), i.code]))
    expect(byField).toEqual({
      visits: 'invalid_type',
      contacts: 'invalid_type',
      orders: 'too_small',
      careOnTime: 'too_big',
    })
  })
})

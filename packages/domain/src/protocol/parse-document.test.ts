import { describe, expect, it } from 'vitest'
import { sampleCustomer, sampleVisit } from '../merge/sample-records.test-helpers.ts'
import { parseWireDocument } from './parse-document.ts'

describe('parseWireDocument', () => {
  it('accepts model documents carrying the deletion flag', () => {
    const result = parseWireDocument('customers', { ...sampleCustomer(), _deleted: false })
    expect(result).toMatchObject({ ok: true, doc: { id: 'cust-1', _deleted: false } })
    expect(parseWireDocument('visits', { ...sampleVisit(), _deleted: false }).ok).toBe(true)
  })

  it('requires the deletion flag on the wire', () => {
    expect(parseWireDocument('customers', sampleCustomer())).toMatchObject({
      ok: false,
      error: { code: 'E_VALIDATION', details: [{ docId: 'cust-1', field: '_deleted' }] },
    })
  })

  it('names the document and each bad field', () => {
    const bad = { ...sampleVisit({ satisfaction: 9 }), checkInAt: 'yesterday', _deleted: false }
    const result = parseWireDocument('visits', bad)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.details?.map((d) => [d.docId, d.field]).sort()).toEqual([
      ['visit-1', 'checkInAt'],
      ['visit-1', 'satisfaction'],
    ])
  })

  it('never lets a user secret through sync', () => {
    const user = {
      id: 'u1',
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      email: 'li@example.com',
      displayName: '李雷',
      role: 'rep',
      teamId: 'team-east',
      disabled: false,
      passwordHash: '$argon2id$v=19$…',
      _deleted: false,
    }
    const result = parseWireDocument('users', user)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.doc).not.toHaveProperty('passwordHash')
  })
})

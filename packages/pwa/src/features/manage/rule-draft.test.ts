import { describe, expect, it } from 'vitest'
import { draftToRule, ruleToDraft } from './rule-draft.ts'

describe('draftToRule', () => {
  it('builds an all/any rule with typed values', () => {
    const r = draftToRule({
      join: 'any',
      conditions: [
        { field: 'monetary', op: 'gte', value: '100000' },
        { field: 'city', op: 'in', value: '上海、杭州, 3' },
        { field: 'segment', op: 'eq', value: 'at_risk' },
        { field: 'birthday', op: 'exists', value: 'ignored' },
      ],
    })
    expect(r).toEqual({
      ok: true,
      rule: {
        any: [
          { field: 'monetary', op: 'gte', value: 100000 },
          // A city is text: "3" stays the text a city field could hold, never the number 3.
          { field: 'city', op: 'in', value: ['上海', '杭州', '3'] },
          { field: 'segment', op: 'eq', value: 'at_risk' },
          { field: 'birthday', op: 'exists' },
        ],
      },
    })
  })

  it('says which condition is wrong', () => {
    expect(draftToRule({ join: 'all', conditions: [] })).toEqual({ ok: false, line: 0, reason: 'empty' })
    expect(
      draftToRule({
        join: 'all',
        conditions: [
          { field: 'frequency', op: 'gt', value: '2' },
          { field: 'monetary', op: 'gt', value: 'lots' },
        ],
      }),
    ).toEqual({ ok: false, line: 1, reason: 'number' })
    expect(draftToRule({ join: 'all', conditions: [{ field: 'tier', op: 'eq', value: ' ' }] })).toMatchObject(
      {
        ok: false,
        reason: 'value',
      },
    )
  })

  it('needs numbers for a number field whatever the operator', () => {
    expect(
      draftToRule({ join: 'all', conditions: [{ field: 'visits', op: 'in', value: '1, two' }] }),
    ).toMatchObject({ ok: false, reason: 'number' })
    expect(
      draftToRule({ join: 'all', conditions: [{ field: 'frequency', op: 'eq', value: 'many' }] }),
    ).toMatchObject({ ok: false, reason: 'number' })
  })

  it('rejects what the domain rule schema rejects (an over-long field name)', () => {
    const r = draftToRule({ join: 'all', conditions: [{ field: 'x'.repeat(65), op: 'eq', value: '1' }] })
    expect(r.ok).toBe(false)
  })
})

describe('ruleToDraft', () => {
  it('round-trips flat rules and refuses nested ones', () => {
    const rule = { all: [{ field: 'openComplaints', op: 'gt' as const, value: 0 }] }
    const draft = ruleToDraft(rule)
    expect(draft).toEqual({ join: 'all', conditions: [{ field: 'openComplaints', op: 'gt', value: '0' }] })
    expect(draftToRule(draft!)).toEqual({ ok: true, rule })
    expect(ruleToDraft({ field: 'recencyDays', op: 'gt', value: 120 })?.conditions).toHaveLength(1)
    expect(ruleToDraft({ not: { field: 'tier', op: 'eq', value: 'A' } })).toBeNull()
    expect(ruleToDraft({ any: [{ all: [{ field: 'tier', op: 'eq', value: 'A' }] }] })).toBeNull()
  })
})

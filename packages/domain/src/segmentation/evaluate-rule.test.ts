import { describe, expect, it } from 'vitest'
import type { RuleNode } from '../model/tag-rule.ts'
import { evaluateRule, MAX_RULE_DEPTH, type ProfileFields, parseTagRule } from './evaluate-rule.ts'

const fields: ProfileFields = {
  tier: 'A',
  score: 72,
  tags: ['frequent_buyer', 'open_complaint'],
  city: '上海市浦东新区',
  medianGapDays: null,
}

describe('evaluateRule', () => {
  it.each<[RuleNode, boolean]>([
    [{ field: 'tier', op: 'eq', value: 'A' }, true],
    [{ field: 'tier', op: 'ne', value: 'A' }, false],
    [{ field: 'score', op: 'gte', value: 72 }, true],
    [{ field: 'score', op: 'gt', value: '70' }, false], // a number never compares with a string
    [{ field: 'tier', op: 'in', value: ['A', 'B'] }, true],
    [{ field: 'tags', op: 'in', value: ['open_complaint', 'x'] }, true],
    [{ field: 'tags', op: 'contains', value: 'frequent_buyer' }, true],
    [{ field: 'city', op: 'contains', value: '上海' }, true],
    [{ field: 'medianGapDays', op: 'exists' }, false],
    [{ field: 'nope', op: 'ne', value: 1 }, false],
    [{ not: { field: 'nope', op: 'eq', value: 1 } }, true],
    [
      {
        all: [
          { field: 'tier', op: 'eq', value: 'A' },
          {
            any: [
              { field: 'score', op: 'lt', value: 10 },
              { field: 'tags', op: 'contains', value: 'open_complaint' },
            ],
          },
        ],
      },
      true,
    ],
  ])('%j → %s', (rule, expected) => {
    expect(evaluateRule(rule, fields)).toBe(expected)
  })

  it('does not reach into the prototype for field names like constructor', () => {
    expect(evaluateRule({ field: 'constructor', op: 'exists' }, fields)).toBe(false)
    expect(evaluateRule({ field: 'toString', op: 'exists' }, fields)).toBe(false)
  })
})

describe('parseTagRule', () => {
  it('accepts a valid rule and rejects a bad operator with where it is', () => {
    expect(parseTagRule({ any: [{ field: 'tier', op: 'eq', value: 'A' }] }).ok).toBe(true)
    const bad = parseTagRule({ all: [{ field: 'tier', op: 'between', value: 1 }] })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.message).toContain('invalid tag rule')
  })

  it(`refuses rules nested deeper than ${MAX_RULE_DEPTH}`, () => {
    let rule: RuleNode = { field: 'tier', op: 'eq', value: 'A' }
    for (let i = 1; i < MAX_RULE_DEPTH; i++) rule = { not: rule }
    expect(parseTagRule(rule).ok).toBe(true)
    const deeper = parseTagRule({ not: rule })
    expect(deeper.ok || deeper.error.message).toContain(`deeper than ${MAX_RULE_DEPTH}`)
  })
})

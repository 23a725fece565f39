import { describe, expect, it } from 'vitest'
import { type ImportLineAction, planImport } from './plan-import.ts'

const none = new Map<number, ImportLineAction>()

describe('planImport', () => {
  it('skips an exact duplicate and holds a likely one for review by default', () => {
    const plan = planImport({
      valid: 10,
      invalid: 2,
      special: [
        { line: 4, valid: true, duplicate: 'exact' },
        { line: 7, valid: true, duplicate: 'likely' },
        { line: 9, valid: false, duplicate: 'likely' },
      ],
      decisions: none,
      policy: 'default',
    })
    expect(plan.counts).toEqual({ insert: 8, merge: 0, skip: 1, review: 1, invalid: 2 })
    expect(plan.actions.get(9)).toBeUndefined()
  })

  it('follows decisions over the defaults, and the policy for undecided likely duplicates', () => {
    const special = [
      { line: 4, valid: true, duplicate: 'exact' as const },
      { line: 7, valid: true, duplicate: 'likely' as const },
      { line: 8, valid: true, duplicate: 'likely' as const },
      { line: 12, valid: true },
    ]
    const decisions = new Map<number, ImportLineAction>([
      [4, { action: 'new' }],
      [7, { action: 'merge', into: 'cus-1' }],
      [12, { action: 'skip' }],
    ])
    expect(planImport({ valid: 10, invalid: 0, special, decisions, policy: 'new' }).counts).toEqual({
      insert: 8,
      merge: 1,
      skip: 1,
      review: 0,
      invalid: 0,
    })
    expect(planImport({ valid: 10, invalid: 0, special, decisions: none, policy: 'skip' }).counts).toEqual({
      insert: 7,
      merge: 0,
      skip: 3,
      review: 0,
      invalid: 0,
    })
  })

  it('counts every valid line exactly once whatever the input order and repeats', () => {
    const plan = planImport({
      valid: 3,
      invalid: 0,
      special: [
        { line: 3, valid: true, duplicate: 'likely' },
        { line: 3, valid: true, duplicate: 'exact' },
      ],
      decisions: none,
      policy: 'default',
    })
    const { insert, merge, skip, review } = plan.counts
    expect(insert + merge + skip + review).toBe(3)
  })
})

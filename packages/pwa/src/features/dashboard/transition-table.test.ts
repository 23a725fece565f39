import { describe, expect, it } from 'vitest'
import { distribution, GONE_KEY, NEW_KEY, transitionTable } from './transition-table.ts'

describe('transitionTable', () => {
  it('counts stayers, movers, newcomers and leavers between two classifications', () => {
    const before = new Map([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
      ['d', 'B'],
    ])
    const after = new Map([
      ['a', 'A'],
      ['b', 'A'],
      ['c', 'C'],
      ['e', 'C'],
    ])
    const t = transitionTable(before, after, ['A', 'B', 'C'])
    expect(t.keys).toEqual(['A', 'B', 'C', NEW_KEY, GONE_KEY])
    expect(t.counts).toEqual({ A: { A: 1 }, B: { A: 1, [GONE_KEY]: 1 }, C: { C: 1 }, [NEW_KEY]: { C: 1 } })
    expect(t.moved).toBe(3)
    expect(t.total).toBe(5)
  })

  it('puts unknown keys after the known order, alphabetically', () => {
    const t = transitionTable(new Map([['x', 'zeta']]), new Map([['x', 'alpha']]), ['loyal'])
    expect(t.keys).toEqual(['alpha', 'zeta'])
  })
})

describe('distribution', () => {
  it('counts every key, listing known keys with zero', () => {
    expect(
      distribution(
        new Map([
          ['a', 'A'],
          ['b', 'A'],
          ['c', 'x'],
        ]),
        ['A', 'B'],
      ),
    ).toEqual({ A: 2, B: 0, x: 1 })
  })
})

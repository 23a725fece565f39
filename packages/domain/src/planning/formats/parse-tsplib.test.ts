import { describe, expect, it } from 'vitest'
import { parseTsplib, tsplibDistanceMatrix } from './parse-tsplib.ts'

const body = `NODE_COORD_SECTION
1 0 0
2 3 4
3 0 10
EOF
`

describe('parseTsplib', () => {
  it('accepts "KEY: value" and "KEY : value" headers alike', () => {
    const tight = parseTsplib(`NAME: tri\nTYPE: TSP\nDIMENSION: 3\nEDGE_WEIGHT_TYPE: EUC_2D\n${body}`)
    const spaced = parseTsplib(`NAME : tri\nTYPE : TSP\nDIMENSION : 3\nEDGE_WEIGHT_TYPE : EUC_2D\n${body}`)
    expect(tight.name).toBe('tri')
    expect(spaced.name).toBe('tri')
    expect(spaced.ids).toEqual([1, 2, 3])
    expect(Array.from(spaced.x)).toEqual(Array.from(tight.x))
  })

  it('rounds each edge to the nearest integer (nint)', () => {
    const inst = parseTsplib(`NAME: tri\nDIMENSION: 3\n${body}`)
    const d = tsplibDistanceMatrix(inst)
    expect(d[0 * 3 + 1]).toBe(5)
    expect(d[1 * 3 + 2]).toBe(7) // sqrt(9 + 36) = 6.708 rounds to 7
    expect(d[2 * 3 + 0]).toBe(10)
  })

  it('rejects a DIMENSION that does not match the coordinates', () => {
    expect(() => parseTsplib(`NAME: x\nDIMENSION: 4\n${body}`)).toThrow(/DIMENSION is 4/)
  })

  it('rejects unsupported edge weight types', () => {
    expect(() => parseTsplib(`NAME: x\nEDGE_WEIGHT_TYPE: GEO\n${body}`)).toThrow(/unsupported/)
  })
})

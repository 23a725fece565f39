import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { benchDir } from '../../../bench/bench-dir.ts'
import { parseOptw } from '../formats/parse-optw-text.ts'
import { parseTsplib } from '../formats/parse-tsplib.ts'
import { verifyOptwRoute, verifyTspTour } from './verify-benchmark-route.ts'

const BENCH = benchDir()
const known = JSON.parse(readFileSync(`${BENCH}/known.json`, 'utf8')) as {
  optw: Record<string, number>
  optw_reference_routes: Record<string, number[]>
}

describe('independent benchmark verifiers', () => {
  it('accepts every published reference route with its published score', () => {
    for (const [name, score] of Object.entries(known.optw)) {
      const inst = parseOptw(readFileSync(`${BENCH}/optw/${name}.txt`, 'utf8'), name)
      const r = verifyOptwRoute(inst, known.optw_reference_routes[name]!)
      expect(r.errors, name).toEqual([])
      expect(r.score, name).toBe(score)
    }
  })

  it('reports late service, repeats and unknown customers', () => {
    const inst = parseOptw(readFileSync(`${BENCH}/optw/c101.txt`, 'utf8'), 'c101')
    const ref = known.optw_reference_routes.c101!
    expect(verifyOptwRoute(inst, [...ref].reverse()).errors.length).toBeGreaterThan(0)
    expect(verifyOptwRoute(inst, [ref[0]!, ref[0]!]).errors.join()).toMatch(/twice/)
    expect(verifyOptwRoute(inst, [999]).errors.join()).toMatch(/unknown/)
  })

  it('measures a TSP tour and rejects non-permutations', () => {
    const inst = parseTsplib('NAME: sq\nNODE_COORD_SECTION\n1 0 0\n2 0 3\n3 4 3\n4 4 0\nEOF\n')
    expect(verifyTspTour(inst, [1, 2, 3, 4])).toEqual({ length: 14, errors: [] })
    expect(verifyTspTour(inst, [1, 2, 3, 3]).errors).toContain('not a permutation')
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { benchDir } from '../../../bench/bench-dir.ts'
import { parseTsplib, tsplibDistanceMatrix } from '../formats/parse-tsplib.ts'
import { verifyTspTour } from '../verify/verify-benchmark-route.ts'
import { nearestNeighbourTour, solveTsp, tourLength } from './solve-tsp.ts'

describe('solveTsp on TSPLIB', { timeout: 30_000 }, () => {
  it('gets eil51 within 1% of the optimum (426) on an iteration budget, beating nearest neighbour', () => {
    const inst = parseTsplib(readFileSync(`${benchDir()}/tsplib/eil51.tsp`, 'utf8'))
    const n = inst.ids.length
    const d = tsplibDistanceMatrix(inst)
    const r = solveTsp(d, n, { seed: 1, maxIterations: 3000, timeLimitMs: 60_000 })
    const check = verifyTspTour(
      inst,
      r.tour.map((i) => inst.ids[i]!),
    )
    expect(check.errors).toEqual([])
    expect(check.length).toBe(r.length)
    expect(r.length).toBeLessThanOrEqual(426 * 1.01)
    expect(r.length).toBeLessThan(tourLength(d, n, nearestNeighbourTour(d, n)))
  })

  it('is deterministic for a given seed', () => {
    const inst = parseTsplib(readFileSync(`${benchDir()}/tsplib/st70.tsp`, 'utf8'))
    const d = tsplibDistanceMatrix(inst)
    const a = solveTsp(d, inst.ids.length, { seed: 3, maxIterations: 500, timeLimitMs: 60_000 })
    const b = solveTsp(d, inst.ids.length, { seed: 3, maxIterations: 500, timeLimitMs: 60_000 })
    expect(a).toEqual(b)
  })
})

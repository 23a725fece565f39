import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { solveTsp, tourLength } from './solve-tsp.ts'

/** Shortest closed tour by trying every permutation that starts at node 0. */
function bruteForce(d: Int32Array, n: number): number {
  let best = Number.POSITIVE_INFINITY
  const rest = Array.from({ length: n - 1 }, (_, i) => i + 1)
  const permute = (k: number) => {
    if (k === rest.length) {
      best = Math.min(best, tourLength(d, n, [0, ...rest]))
      return
    }
    for (let i = k; i < rest.length; i++) {
      ;[rest[k], rest[i]] = [rest[i]!, rest[k]!]
      permute(k + 1)
      ;[rest[k], rest[i]] = [rest[i]!, rest[k]!]
    }
  }
  permute(0)
  return best
}

describe('solveTsp against brute force', { timeout: 30_000 }, () => {
  it('finds an optimal tour on small random instances (≤ 8 nodes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })), {
          minLength: 3,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 1000 }),
        (pts, seed) => {
          const n = pts.length
          const d = new Int32Array(n * n)
          for (let a = 0; a < n; a++) {
            for (let b = 0; b < n; b++) {
              d[a * n + b] = Math.round(Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1]))
            }
          }
          const r = solveTsp(d, n, { seed, maxIterations: 300, timeLimitMs: 60_000 })
          expect([...r.tour].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i))
          expect(r.length).toBe(tourLength(d, n, r.tour))
          expect(r.length).toBe(bruteForce(d, n))
        },
      ),
      { numRuns: 100, seed: 11 },
    )
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { benchDir } from '../../../bench/bench-dir.ts'
import { parseOptw, parseSolomon } from '../formats/parse-optw-text.ts'
import { verifyOptwRoute } from '../verify/verify-benchmark-route.ts'
import { optwBenchmarkProblem } from './optw-benchmark-problem.ts'
import { solveOrienteering } from './solve-orienteering.ts'

const BENCH = benchDir()
const known = JSON.parse(readFileSync(`${BENCH}/known.json`, 'utf8')) as { optw: Record<string, number> }

describe('solveOrienteering on Solomon OPTW instances', { timeout: 30_000 }, () => {
  for (const name of ['c101', 'r105', 'rc101']) {
    it(`${name}: feasible by the independent check and within 3% of the optimum on a small budget`, () => {
      const inst = parseOptw(readFileSync(`${BENCH}/optw/${name}.txt`, 'utf8'), name)
      const r = solveOrienteering(optwBenchmarkProblem(inst), {
        seed: 1,
        maxIterations: 150,
        timeLimitMs: 60_000,
      })
      const check = verifyOptwRoute(
        inst,
        r.inner.map((i) => inst.vertices[i]!.id),
      )
      expect(check.errors).toEqual([])
      expect(check.score).toBe(r.score)
      expect(r.score).toBeGreaterThanOrEqual(known.optw[name]! * 0.97)
    })
  }

  it('improves on the greedy construction and is deterministic per seed', () => {
    const inst = parseSolomon(readFileSync(`${BENCH}/solomon/rc105.txt`, 'utf8'))
    const p = optwBenchmarkProblem(inst)
    const greedy = solveOrienteering(p, { maxIterations: 0 })
    const a = solveOrienteering(p, { seed: 4, maxIterations: 150, timeLimitMs: 60_000 })
    const b = solveOrienteering(p, { seed: 4, maxIterations: 150, timeLimitMs: 60_000 })
    expect(a.score).toBeGreaterThan(greedy.score)
    expect(a.inner).toEqual(b.inner)
  })
})

import { type OptwInstance, truncatedEuclidean } from '../formats/parse-optw-text.ts'
import type { OrienteeringProblem } from './orienteering-problem.ts'

/**
 * Compiles a Solomon/OPTW benchmark instance with the published conventions: travel = Euclidean
 * truncated to one decimal, one window [ready, due] per customer, budget = depot due date.
 */
export function optwBenchmarkProblem(inst: OptwInstance): OrienteeringProblem {
  const v = inst.vertices
  const size = v.length
  const travel = new Float64Array(size * size)
  for (let a = 0; a < size; a++) {
    for (let b = 0; b < size; b++) if (a !== b) travel[a * size + b] = truncatedEuclidean(v[a]!, v[b]!)
  }
  const depot = v[0]!
  return {
    size,
    travel,
    service: Float64Array.from(v, (x, i) => (i === 0 ? 0 : x.service)),
    profit: Float64Array.from(v, (x, i) => (i === 0 ? 0 : x.profit)),
    windows: v.map((x) => Float64Array.of(x.open, x.close)),
    mandatory: new Uint8Array(size),
    candidates: v.map((_, i) => i).filter((i) => i > 0),
    start: 0,
    end: 0,
    startTime: depot.open,
    endTime: depot.close,
  }
}

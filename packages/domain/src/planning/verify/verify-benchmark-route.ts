import type { OptwInstance } from '../formats/parse-optw-text.ts'
import type { TsplibInstance } from '../formats/parse-tsplib.ts'

/**
 * Independent OPTW route check from the raw instance (not the solver's matrices): travel is
 * floor(10·euclid)/10, service starts in [open, close], back at the depot by its due date.
 * Returns the score and travel length, plus every violation found.
 */
export function verifyOptwRoute(
  inst: OptwInstance,
  route: number[],
): { score: number; length: number; errors: string[] } {
  const byId = new Map(inst.vertices.map((v) => [v.id, v]))
  const depot = inst.vertices[0]!
  const errors: string[] = []
  const seen = new Set<number>()
  let t = depot.open
  let length = 0
  let score = 0
  let prev = depot
  for (const id of route) {
    const v = byId.get(id)
    if (!v || id === depot.id) {
      errors.push(`unknown customer ${id}`)
      continue
    }
    if (seen.has(id)) errors.push(`customer ${id} visited twice`)
    seen.add(id)
    const leg = Math.floor(10 * Math.sqrt((prev.x - v.x) ** 2 + (prev.y - v.y) ** 2)) / 10
    length += leg
    t = Math.max(t + leg, v.open)
    if (t > v.close + 1e-6) errors.push(`customer ${id} starts at ${t}, after ${v.close}`)
    t += v.service
    score += v.profit
    prev = v
  }
  const leg = Math.floor(10 * Math.sqrt((prev.x - depot.x) ** 2 + (prev.y - depot.y) ** 2)) / 10
  length += leg
  if (t + leg > depot.close + 1e-6) errors.push(`back at ${t + leg}, after ${depot.close}`)
  return { score, length, errors }
}

/** Independent TSP tour check: a permutation of all node numbers, length under nint per edge. */
export function verifyTspTour(inst: TsplibInstance, tour: number[]): { length: number; errors: string[] } {
  const index = new Map(inst.ids.map((id, i) => [id, i]))
  const errors: string[] = []
  if (tour.length !== inst.ids.length || new Set(tour).size !== tour.length) errors.push('not a permutation')
  let length = 0
  for (let i = 0; i < tour.length; i++) {
    const a = index.get(tour[i]!)
    const b = index.get(tour[(i + 1) % tour.length]!)
    if (a === undefined || b === undefined) {
      errors.push(`unknown node ${tour[i]}`)
      continue
    }
    length += Math.round(Math.hypot(inst.x[a]! - inst.x[b]!, inst.y[a]! - inst.y[b]!))
  }
  return { length, errors }
}

import { BREAK, earliestStart, type OrienteeringProblem } from './orienteering-problem.ts'
import { RouteState } from './route-state.ts'

export type LeftOutReason = 'closed' | 'no_time' | 'lower_priority'

/**
 * Why each candidate is not on the route: `closed` when no window can be reached from the start,
 * `no_time` when it is reachable but does not fit around the fixed items (appointments, break)
 * or it outranks a planned stop and was dropped for time, otherwise `lower_priority`.
 */
export function explainLeftOut(
  p: OrienteeringProblem,
  inner: number[],
  candidates: number[],
): { node: number; reason: LeftOutReason }[] {
  const planned = new Set(inner)
  let minPlanned = Number.POSITIVE_INFINITY
  for (const n of inner) if (n !== BREAK && !p.mandatory[n]) minPlanned = Math.min(minPlanned, p.profit[n]!)
  const fixedOnly = new RouteState(
    p,
    inner.filter((n) => n === BREAK || p.mandatory[n]),
  )
  const tmp = new Float64Array(1)
  const out: { node: number; reason: LeftOutReason }[] = []
  for (const k of candidates) {
    if (planned.has(k) || p.mandatory[k]) continue
    const reach = p.startTime + p.travel[p.start * p.size + k]!
    let reason: LeftOutReason
    if (Number.isNaN(earliestStart(p.windows[k]!, reach, tmp))) reason = 'closed'
    else if (!canInsert(fixedOnly, k)) reason = 'no_time'
    else reason = p.profit[k]! <= minPlanned ? 'lower_priority' : 'no_time'
    out.push({ node: k, reason })
  }
  return out
}

function canInsert(route: RouteState, k: number): boolean {
  if (!route.feasible) return false
  for (let pos = 1; pos < route.length; pos++) if (!Number.isNaN(route.insertionShift(k, pos))) return true
  return false
}

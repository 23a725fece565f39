import { BREAK, earliestStart, type OrienteeringProblem, TIME_EPS } from './orienteering-problem.ts'

/** Days with at most this many items (optional customers, appointments, break) are solved exactly. */
export const EXACT_MAX_ITEMS = 9
/** Search-node cap so a pathological small day still returns quickly (then the ILS takes over). */
const MAX_STEPS = 2_000_000

/**
 * Exact depth-first search over every order of every subset, bounded by the profit still
 * available. Returns the best inner route containing every mandatory item (and the break), null
 * when no such route exists, or 'gave_up' past the step cap. Ties go to the shorter travel time.
 */
export function solveExact(
  p: OrienteeringProblem,
): { inner: number[]; score: number; travel: number } | null | 'gave_up' {
  const items = p.candidates.filter((c) => p.mandatory[c] || p.profit[c]! > 0)
  if (p.break) items.push(BREAK)
  const mandatoryCount = items.filter((c) => c === BREAK || p.mandatory[c]).length
  const used = new Uint8Array(items.length)
  const seq: number[] = []
  const tmp = new Float64Array(1)
  let remaining = 0
  for (const c of items) if (c !== BREAK) remaining += p.profit[c]!
  let best: number[] | null = null
  let bestScore = Number.NEGATIVE_INFINITY
  let bestTravel = Number.POSITIVE_INFINITY
  const size = p.size
  let steps = 0

  const dfs = (
    loc: number,
    time: number,
    score: number,
    travel: number,
    mandatoryDone: number,
    left: number,
  ) => {
    // Time only grows along a sequence, so a late prefix can never return in time.
    if (time > p.endTime + TIME_EPS) return
    if (mandatoryDone === mandatoryCount) {
      const back = p.travel[loc * size + p.end]!
      if (time + back <= p.endTime + TIME_EPS) {
        const total = travel + back
        if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) <= 1e-9 && total < bestTravel - 1e-9)) {
          best = seq.slice()
          bestScore = score
          bestTravel = total
        }
      }
    }
    // Even taking every remaining profit cannot beat the best (equal score may still travel less).
    if (score + left < bestScore - 1e-9) return
    if (score + left <= bestScore + 1e-9 && travel >= bestTravel) return
    if (++steps > MAX_STEPS) return
    for (let i = 0; i < items.length; i++) {
      if (used[i]) continue
      const c = items[i]!
      let nextTime: number
      let nextLoc = loc
      let leg = 0
      if (c === BREAK) {
        const b = p.break!
        const s = Math.max(time, b.earliest)
        if (s > b.latest + TIME_EPS) continue
        nextTime = s + b.duration
      } else {
        leg = p.travel[loc * size + c]!
        const s = earliestStart(p.windows[c]!, time + leg, tmp)
        if (Number.isNaN(s)) continue
        nextTime = s + p.service[c]!
        nextLoc = c
      }
      const isMandatory = c === BREAK || p.mandatory[c] ? 1 : 0
      const gain = c === BREAK ? 0 : p.profit[c]!
      used[i] = 1
      seq.push(c)
      dfs(nextLoc, nextTime, score + gain, travel + leg, mandatoryDone + isMandatory, left - gain)
      seq.pop()
      used[i] = 0
    }
  }
  dfs(p.start, p.startTime, 0, 0, 0, remaining)
  if (steps > MAX_STEPS) return 'gave_up'
  return best === null ? null : { inner: best, score: bestScore, travel: bestTravel }
}

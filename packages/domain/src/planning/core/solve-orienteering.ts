import { createRng, type Rng } from '../../random/seeded-random.ts'
import type { SearchBudget } from '../tsp/solve-tsp.ts'
import { BREAK, type OrienteeringProblem, TIME_EPS } from './orienteering-problem.ts'
import { RouteState } from './route-state.ts'
import { EXACT_MAX_ITEMS, solveExact } from './solve-exact.ts'

export interface OrienteeringResult {
  /** Visited nodes in order, without start/end; BREAK marks where the break is taken. */
  inner: number[]
  score: number
  travelTime: number
  /** Arrival back at the end node. */
  endTime: number
  feasible: boolean
  iterations: number
  /** Mandatory nodes that could not be placed at all (conflicting appointments). */
  unplacedMandatory: number[]
  /** True when the break did not fit anywhere in the day. */
  breakUnplaced: boolean
}

/** Ratios are scaled by a factor in [0.5, 1.5] after each shake: it made the largest quality difference when tuning on the Solomon set. */
const INSERTION_NOISE = 1
/** Share of iterations whose first re-insertion is a random customer, so greedy blind spots get explored. */
const RANDOM_FIRST = 0.3
/** Share of iterations that also move the break to a random feasible place (greedy never moves it). */
const MOVE_BREAK = 0.25
/** Non-improving iterations before jumping back to an elite solution. */
const RESTART_AFTER = 60

const better = (scoreA: number, timeA: number, scoreB: number, timeB: number): boolean =>
  scoreA > scoreB + 1e-9 || (Math.abs(scoreA - scoreB) <= 1e-9 && timeA < timeB - 1e-9)

/**
 * Iterated local search for the orienteering problem with time windows (after Vansteenwegen et
 * al. 2009): greedy insertion by profit²/delay, shaking that removes consecutive visits, plus a
 * travel-time compaction (relocate / 2-opt) and a profit-raising swap at promising local optima,
 * and restarts from an elite pool. Iteration caps drive the search; the clock is only a safety net.
 */
export function solveOrienteering(
  p: OrienteeringProblem,
  /** Solve exactly when the day has at most this many items (default EXACT_MAX_ITEMS; -1 = never). */
  budget: SearchBudget & { exactUpTo?: number } = {},
): OrienteeringResult {
  const items = p.candidates.filter((c) => p.mandatory[c] || p.profit[c]! > 0).length + (p.break ? 1 : 0)
  if (items <= (budget.exactUpTo ?? EXACT_MAX_ITEMS)) {
    const exact = solveExact(p)
    if (exact && exact !== 'gave_up') return resultOf(new RouteState(p, exact.inner), 0, [], false)
  }
  const rng = createRng(budget.seed ?? 1)
  const start = initialRoute(p, rng)
  const { best, iterations } = search(p, start, rng, budget)
  restore(start.route, best, start.inRoute, start.free)
  return resultOf(start.route, iterations, start.unplacedMandatory, start.breakUnplaced)
}

function resultOf(
  route: RouteState,
  iterations: number,
  unplacedMandatory: number[],
  breakUnplaced: boolean,
): OrienteeringResult {
  return {
    inner: route.inner(),
    score: route.score,
    travelTime: route.travelTime,
    endTime: route.endArrival(),
    feasible: route.feasible,
    iterations,
    unplacedMandatory,
    breakUnplaced,
  }
}

type Start = {
  route: RouteState
  inRoute: Uint8Array
  free: number[]
  unplacedMandatory: number[]
  breakUnplaced: boolean
}

/** The mandatory visits by window, the break, then the free ones greedily, compacted and filled again. */
function initialRoute(p: OrienteeringProblem, rng: Rng): Start {
  const inRoute = new Uint8Array(p.size)
  const route = new RouteState(p)
  const unplacedMandatory: number[] = []
  const fixed = p.candidates.filter((c) => p.mandatory[c])
  fixed.sort((a, b) => (p.windows[a]![0] ?? 0) - (p.windows[b]![0] ?? 0))
  for (const m of fixed) {
    const pos = bestPosition(route, m)
    if (pos < 0) unplacedMandatory.push(m)
    else {
      route.insert(m, pos)
      inRoute[m] = 1
    }
  }
  let breakUnplaced = false
  if (p.break) breakUnplaced = !placeBreak(route)
  const free = p.candidates.filter((c) => !p.mandatory[c] && p.profit[c]! > 0)
  insertAll(route, free, inRoute, rng, 0)
  compact(route)
  insertAll(route, free, inRoute, rng, 0)
  return { route, inRoute, free, unplacedMandatory, breakUnplaced }
}

/** The iterated local search from `start`: the best route found and the iterations it took. */
function search(
  p: OrienteeringProblem,
  { route, inRoute, free, breakUnplaced }: Start,
  rng: Rng,
  budget: SearchBudget,
): { best: number[]; iterations: number } {
  const maxIterations = budget.maxIterations ?? 1000
  const deadline = Date.now() + (budget.timeLimitMs ?? 1000)
  let best = route.inner()
  let bestCount = countFree(best, p)
  let bestScore = route.score
  let bestTime = route.travelTime
  const elite: Elite = [{ inner: best, score: bestScore, time: bestTime }]
  let s = 1
  let r = 0
  let sinceImprove = 0
  let it = 0
  for (; it < maxIterations; it++) {
    if ((it & 7) === 0 && Date.now() > deadline) break
    // Everything worth visiting is already on the route: nothing left to gain.
    if (bestCount === free.length) break
    shake(route, inRoute, s, r)
    perturbAndRefill(p, route, free, inRoute, rng, breakUnplaced, bestScore)
    if (better(route.score, route.travelTime, bestScore, bestTime)) {
      best = route.inner()
      bestCount = countFree(best, p)
      bestScore = route.score
      bestTime = route.travelTime
      pushElite(elite, best, bestScore, bestTime)
      s = 1
      sinceImprove = 0
    } else {
      sinceImprove++
      if (route.score > elite[elite.length - 1]!.score)
        pushElite(elite, route.inner(), route.score, route.travelTime)
    }
    const removable = countRemovable(route)
    r += s
    s++
    if (removable > 0 && r >= removable) r %= removable
    if (s > Math.max(2, Math.ceil(removable / 2))) s = 1
    // Restart from an elite solution when the walk has drifted for a while.
    if (sinceImprove > 0 && sinceImprove % RESTART_AFTER === 0) {
      const pick = elite[rng.below(elite.length)]!
      restore(route, pick.inner, inRoute, free)
      s = 1 + rng.below(3)
      r = rng.below(Math.max(1, countRemovable(route)))
    }
  }
  return { best, iterations: it }
}

/** After a shake: maybe move the break, maybe a random first insertion, refill, and polish near the best. */
function perturbAndRefill(
  p: OrienteeringProblem,
  route: RouteState,
  free: number[],
  inRoute: Uint8Array,
  rng: Rng,
  breakUnplaced: boolean,
  bestScore: number,
): void {
  if (p.break && !breakUnplaced && rng.next() < MOVE_BREAK) moveBreak(route, rng)
  if (rng.next() < RANDOM_FIRST) insertRandom(route, free, inRoute, rng)
  insertAll(route, free, inRoute, rng, INSERTION_NOISE)
  if (route.score >= 0.9 * bestScore) {
    // Compaction frees time; only worth it near the best.
    if (compact(route)) insertAll(route, free, inRoute, rng, 0)
    if (swapUp(route, free, inRoute)) insertAll(route, free, inRoute, rng, 0)
  }
}

type Elite = { inner: number[]; score: number; time: number }[]

function countFree(inner: number[], p: OrienteeringProblem): number {
  let c = 0
  for (const n of inner) if (n !== BREAK && !p.mandatory[n] && p.profit[n]! > 0) c++
  return c
}

function pushElite(elite: Elite, inner: number[], score: number, time: number): void {
  const key = inner.join(',')
  if (elite.some((e) => e.inner.join(',') === key)) return
  elite.push({ inner, score, time })
  elite.sort((a, b) => b.score - a.score || a.time - b.time)
  if (elite.length > 8) elite.length = 8
}

function restore(route: RouteState, inner: number[], inRoute: Uint8Array, free: number[]): void {
  for (const c of free) inRoute[c] = 0
  for (const c of inner) if (c !== BREAK) inRoute[c] = 1
  route.setInner(inner)
}

function isRemovable(route: RouteState, i: number): boolean {
  const n = route.nodes[i]!
  return n !== BREAK && !route.p.mandatory[n]
}

function countRemovable(route: RouteState): number {
  let c = 0
  for (let i = 1; i < route.length - 1; i++) if (isRemovable(route, i)) c++
  return c
}

/** Best (least delay) feasible insertion position of k, or -1. */
function bestPosition(route: RouteState, k: number): number {
  let best = -1
  let bestShift = Number.POSITIVE_INFINITY
  for (let pos = 1; pos < route.length; pos++) {
    const sh = route.insertionShift(k, pos)
    if (sh < bestShift) {
      bestShift = sh
      best = pos
    }
  }
  return best
}

/** Places the break at the feasible position that ends the day earliest. */
function placeBreak(route: RouteState): boolean {
  const inner = route.inner()
  let bestInner: number[] | null = null
  let bestEnd = Number.POSITIVE_INFINITY
  for (let pos = 0; pos <= inner.length; pos++) {
    const cand = [...inner.slice(0, pos), BREAK, ...inner.slice(pos)]
    route.setInner(cand)
    if (route.feasible && route.endArrival() < bestEnd) {
      bestEnd = route.endArrival()
      bestInner = cand
    }
  }
  route.setInner(bestInner ?? inner)
  return bestInner !== null
}

/** Greedy insertion by profit² / delay until nothing fits; `noise` randomises ratios for diversity. */
function insertAll(route: RouteState, free: number[], inRoute: Uint8Array, rng: Rng, noise: number): void {
  const p = route.p
  for (;;) {
    let bestK = -1
    let bestPos = -1
    let bestRatio = Number.NEGATIVE_INFINITY
    for (const k of free) {
      if (inRoute[k]) continue
      let minShift = Number.POSITIVE_INFINITY
      let pos = -1
      for (let i = 1; i < route.length; i++) {
        const sh = route.insertionShift(k, i)
        if (sh < minShift) {
          minShift = sh
          pos = i
        }
      }
      if (pos < 0) continue
      const pr = p.profit[k]!
      let ratio = (pr * pr) / Math.max(minShift, 1e-3)
      if (noise > 0) ratio *= 1 + noise * (rng.next() - 0.5)
      if (ratio > bestRatio) {
        bestRatio = ratio
        bestK = k
        bestPos = pos
      }
    }
    if (bestK < 0) return
    route.insert(bestK, bestPos)
    inRoute[bestK] = 1
  }
}

/** Moves the break to a random position where the route stays feasible (its old place always is). */
function moveBreak(route: RouteState, rng: Rng): void {
  const inner = route.inner()
  const at = inner.indexOf(BREAK)
  if (at < 0) return
  inner.splice(at, 1)
  const feasible: number[][] = []
  for (let pos = 0; pos <= inner.length; pos++) {
    const cand = [...inner.slice(0, pos), BREAK, ...inner.slice(pos)]
    route.setInner(cand)
    if (route.feasible) feasible.push(cand)
  }
  route.setInner(
    feasible.length > 0
      ? feasible[rng.below(feasible.length)]!
      : [...inner.slice(0, at), BREAK, ...inner.slice(at)],
  )
}

/** Inserts one random customer that fits, at its least-delay position. */
function insertRandom(route: RouteState, free: number[], inRoute: Uint8Array, rng: Rng): void {
  const options: [number, number][] = []
  for (const k of free) {
    if (inRoute[k]) continue
    const pos = bestPosition(route, k)
    if (pos >= 0) options.push([k, pos])
  }
  if (options.length === 0) return
  const [k, pos] = options[rng.below(options.length)]!
  route.insert(k, pos)
  inRoute[k] = 1
}

/** Removes `count` consecutive removable visits starting at the r-th removable one (wrapping). */
function shake(route: RouteState, inRoute: Uint8Array, count: number, r: number): void {
  const idx: number[] = []
  for (let i = 1; i < route.length - 1; i++) if (isRemovable(route, i)) idx.push(i)
  if (idx.length === 0) return
  const drop = new Set<number>()
  for (let j = 0; j < Math.min(count, idx.length); j++) drop.add(idx[(r + j) % idx.length]!)
  const inner: number[] = []
  for (let i = 1; i < route.length - 1; i++) {
    if (drop.has(i)) inRoute[route.nodes[i]!] = 0
    else inner.push(route.nodes[i]!)
  }
  route.setInner(inner)
}

/**
 * Shortens the route's travel time with first-improvement relocate and 2-opt moves, each checked by
 * a full schedule pass (routes are short, and windows make delta checks unreliable for reversals).
 */
function compact(route: RouteState): boolean {
  let improved = false
  let inner = route.inner()
  let cur = route.travelTime
  const m = inner.length
  let again = true
  let guard = 0
  while (again && guard++ < 50) {
    again = false
    // Relocate one visit (the break included).
    for (let i = 0; i < m && !again; i++) {
      for (let j = 0; j < m && !again; j++) {
        if (j === i) continue
        const cand = inner.slice()
        const [x] = cand.splice(i, 1)
        cand.splice(j, 0, x!)
        route.setInner(cand)
        if (route.feasible && route.travelTime < cur - TIME_EPS) {
          inner = cand
          cur = route.travelTime
          again = true
          improved = true
        }
      }
    }
    for (let i = 0; i < m - 1 && !again; i++) {
      for (let j = i + 1; j < m && !again; j++) {
        const cand = inner.slice()
        let a = i
        let b = j
        while (a < b) {
          const t = cand[a]!
          cand[a] = cand[b]!
          cand[b] = t
          a++
          b--
        }
        route.setInner(cand)
        if (route.feasible && route.travelTime < cur - TIME_EPS) {
          inner = cand
          cur = route.travelTime
          again = true
          improved = true
        }
      }
    }
  }
  route.setInner(inner)
  return improved
}

/** Replaces one visit with an unvisited customer of higher profit when the swap is feasible. */
function swapUp(route: RouteState, free: number[], inRoute: Uint8Array): boolean {
  const p = route.p
  let improved = false
  for (let i = 1; i < route.length - 1; i++) {
    const j = route.nodes[i]!
    if (j === BREAK || p.mandatory[j]) continue
    const inner = route.inner()
    inner.splice(i - 1, 1)
    const probe = new RouteState(p, inner)
    let bestK = -1
    let bestPos = -1
    let bestProfit = p.profit[j]!
    for (const k of free) {
      if (inRoute[k] || p.profit[k]! <= bestProfit) continue
      const pos = bestPosition(probe, k)
      if (pos >= 0) {
        bestK = k
        bestPos = pos
        bestProfit = p.profit[k]!
      }
    }
    if (bestK >= 0) {
      probe.insert(bestK, bestPos)
      inRoute[j] = 0
      inRoute[bestK] = 1
      route.setInner(probe.inner())
      improved = true
    }
  }
  return improved
}

import { BREAK, earliestStart, type OrienteeringProblem, TIME_EPS } from './orienteering-problem.ts'

/**
 * A route with its schedule and forward slack ("maxShift"), so insertions are checked in O(1).
 * Positions 0 and length-1 hold the start and end nodes; BREAK marks the lunch break.
 */
export class RouteState {
  nodes: number[]
  /** Location (matrix index) the rep is at when leaving each position; the break inherits it. */
  readonly loc: Int32Array
  readonly arr: Float64Array
  readonly start: Float64Array
  readonly dep: Float64Array
  /** How much later the arrival at a position may be without breaking this or any later position. */
  readonly slack: Float64Array
  private readonly close: Float64Array
  /** Whether some position at or after i could move to a later window when pushed (slack is then conservative). */
  private readonly laterWindow: Uint8Array
  feasible = true
  score = 0
  travelTime = 0
  private readonly tmp = new Float64Array(1)

  constructor(
    readonly p: OrienteeringProblem,
    inner: number[] = [],
  ) {
    this.nodes = [p.start, ...inner, p.end]
    // A route holds each node at most once, plus the end and the break: size + 2 positions.
    const cap = p.size + 2
    this.loc = new Int32Array(cap)
    this.arr = new Float64Array(cap)
    this.start = new Float64Array(cap)
    this.dep = new Float64Array(cap)
    this.slack = new Float64Array(cap)
    this.close = new Float64Array(cap)
    this.laterWindow = new Uint8Array(cap)
    this.recompute()
  }

  get length(): number {
    return this.nodes.length
  }

  inner(): number[] {
    return this.nodes.slice(1, -1)
  }

  clone(): RouteState {
    return new RouteState(this.p, this.inner())
  }

  setInner(inner: number[]): void {
    this.nodes = [this.p.start, ...inner, this.p.end]
    this.recompute()
  }

  /** Full forward schedule pass then backward slack pass. */
  recompute(): boolean {
    const { p, nodes } = this
    const n = nodes.length
    const size = p.size
    this.loc[0] = p.start
    this.arr[0] = p.startTime
    this.start[0] = p.startTime
    this.dep[0] = p.startTime
    this.close[0] = p.startTime
    let ok = true
    let score = 0
    let travel = 0
    for (let i = 1; i < n; i++) {
      const node = nodes[i]!
      const prevLoc = this.loc[i - 1]!
      if (node === BREAK) {
        const b = p.break!
        const a = this.dep[i - 1]!
        const s = Math.max(a, b.earliest)
        if (s > b.latest + TIME_EPS) ok = false
        this.loc[i] = prevLoc
        this.arr[i] = a
        this.start[i] = s
        this.close[i] = b.latest
        this.dep[i] = s + b.duration
        continue
      }
      const t = p.travel[prevLoc * size + node]!
      travel += t
      const a = this.dep[i - 1]! + t
      this.loc[i] = node
      this.arr[i] = a
      if (i === n - 1) {
        this.start[i] = a
        this.close[i] = p.endTime
        this.dep[i] = a
        if (a > p.endTime + TIME_EPS) ok = false
        continue
      }
      let s = earliestStart(p.windows[node]!, a, this.tmp)
      if (Number.isNaN(s)) {
        ok = false
        s = a
        this.close[i] = a
      } else {
        this.close[i] = this.tmp[0]!
      }
      this.start[i] = s
      this.dep[i] = s + p.service[node]!
      score += p.profit[node]!
    }
    this.slack[n - 1] = p.endTime - this.arr[n - 1]!
    this.laterWindow[n - 1] = 0
    for (let i = n - 2; i >= 1; i--) {
      const node = nodes[i]!
      const w = node === BREAK ? undefined : p.windows[node]
      this.laterWindow[i] =
        this.laterWindow[i + 1]! || (w !== undefined && w[w.length - 1]! > this.close[i]!) ? 1 : 0
      const room = this.close[i]! - this.start[i]!
      const next = this.slack[i + 1]!
      this.slack[i] = this.start[i]! - this.arr[i]! + Math.min(room, next)
    }
    this.feasible = ok
    this.score = score
    this.travelTime = travel
    return ok
  }

  /**
   * Delay caused at the following position by inserting `k` before position `pos`, or NaN when
   * infeasible. Inserting right before the break moves the break to k's place, so the check goes
   * through the break to the position after it.
   */
  insertionShift(k: number, pos: number): number {
    const { p } = this
    if (!this.feasible) return Number.NaN
    const size = p.size
    const prevLoc = this.loc[pos - 1]!
    const a = this.dep[pos - 1]! + p.travel[prevLoc * size + k]!
    const s = earliestStart(p.windows[k]!, a, this.tmp)
    if (Number.isNaN(s)) return Number.NaN
    const d = s + p.service[k]!
    let next = pos
    let leave = d
    if (this.nodes[pos] === BREAK) {
      const b = p.break!
      const bs = Math.max(d, b.earliest)
      if (bs > b.latest + TIME_EPS) return Number.NaN
      leave = bs + b.duration
      next = pos + 1
    }
    const shift = leave + p.travel[k * size + this.nodes[next]!]! - this.arr[next]!
    if (shift <= this.slack[next]! + TIME_EPS) return shift
    // The slack assumes every visit keeps its current window; a later window may still absorb the push.
    return this.laterWindow[next] && this.suffixFeasible(next, shift) ? shift : Number.NaN
  }

  /** Exact replay of positions from `from` on when the arrival there is delayed by `delay`. */
  private suffixFeasible(from: number, delay: number): boolean {
    const { p, nodes } = this
    const n = nodes.length
    let arrival = this.arr[from]! + delay
    for (let i = from; ; i++) {
      // Arriving no later than before: the rest of the (feasible) route is unchanged.
      if (arrival <= this.arr[i]! + TIME_EPS) return true
      if (i === n - 1) return arrival <= p.endTime + TIME_EPS
      const node = nodes[i]!
      let leave: number
      if (node === BREAK) {
        const b = p.break!
        const s = Math.max(arrival, b.earliest)
        if (s > b.latest + TIME_EPS) return false
        leave = s + b.duration
      } else {
        const s = earliestStart(p.windows[node]!, arrival, this.tmp)
        if (Number.isNaN(s)) return false
        leave = s + p.service[node]!
      }
      const next = nodes[i + 1]!
      arrival = next === BREAK ? leave : leave + p.travel[this.loc[i]! * p.size + next]!
    }
  }

  insert(k: number, pos: number): void {
    this.nodes.splice(pos, 0, k)
    this.recompute()
  }

  /** End time of the route (arrival at the end node). */
  endArrival(): number {
    return this.arr[this.nodes.length - 1]!
  }
}

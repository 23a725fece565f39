import { createRng, type Rng } from '../../random/seeded-random.ts'

/** Options shared by the search heuristics: the iteration budget is primary, the time limit a safety net. */
export interface SearchBudget {
  seed?: number
  /** Hard wall-clock cap; the result then depends on machine speed, so keep it generous. */
  timeLimitMs?: number
  /** Deterministic work budget (perturbation rounds). */
  maxIterations?: number
}

export interface TspResult {
  /** Node indices (0-based) in visiting order, starting at node 0. */
  tour: number[]
  length: number
  iterations: number
}

/** Tour length of a closed tour on a full integer matrix (n×n row-major). */
export function tourLength(dist: ArrayLike<number>, n: number, tour: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < tour.length; i++) s += dist[tour[i]! * n + tour[(i + 1) % tour.length]!]!
  return s
}

/** Nearest-neighbour construction from node 0; also the benchmark baseline. */
export function nearestNeighbourTour(dist: ArrayLike<number>, n: number): number[] {
  const used = new Uint8Array(n)
  const tour = [0]
  used[0] = 1
  let cur = 0
  for (let k = 1; k < n; k++) {
    let best = -1
    let bestD = Number.POSITIVE_INFINITY
    for (let j = 0; j < n; j++) {
      const d = dist[cur * n + j]!
      if (!used[j] && d < bestD) {
        bestD = d
        best = j
      }
    }
    used[best] = 1
    tour.push(best)
    cur = best
  }
  return tour
}

function neighbourLists(dist: ArrayLike<number>, n: number, k: number): Int32Array {
  const kk = Math.min(k, n - 1)
  const out = new Int32Array(n * kk)
  const idx: number[] = []
  for (let a = 0; a < n; a++) {
    idx.length = 0
    for (let b = 0; b < n; b++) if (b !== a) idx.push(b)
    idx.sort((p, q) => dist[a * n + p]! - dist[a * n + q]! || p - q)
    for (let j = 0; j < kk; j++) out[a * kk + j] = idx[j]!
  }
  return out
}

/**
 * Symmetric TSP by iterated local search: nearest-neighbour start, 2-opt + Or-opt with neighbour
 * lists and a work queue (don't-look bits), then local double-bridge kicks accepted when not worse.
 */
export function solveTsp(dist: ArrayLike<number>, n: number, budget: SearchBudget = {}): TspResult {
  if (n <= 3) {
    const tour = Array.from({ length: n }, (_, i) => i)
    return { tour, length: tourLength(dist, n, tour), iterations: 0 }
  }
  const rng = createRng(budget.seed ?? 1)
  const maxIterations = budget.maxIterations ?? 30_000
  const deadline = Date.now() + (budget.timeLimitMs ?? 1000)
  const ls = new TwoOptOrOpt(dist, n, nearestNeighbourTour(dist, n))
  for (let c = 0; c < n; c++) ls.push(c)
  ls.run()
  let best = Int32Array.from(ls.tour)
  let bestLen = ls.length
  const saved = new Int32Array(n)
  let it = 0
  for (; it < maxIterations; it++) {
    if ((it & 15) === 0 && Date.now() > deadline) break
    saved.set(ls.tour)
    const before = ls.length
    ls.kick(rng)
    ls.run()
    if (ls.length < bestLen) {
      bestLen = ls.length
      best = Int32Array.from(ls.tour)
    }
    // Accept sideways moves (equal length) to drift across plateaus; revert worse ones.
    if (ls.length > before) ls.restore(saved, before)
  }
  return { tour: rotateToZero(Array.from(best)), length: bestLen, iterations: it }
}

function rotateToZero(t: number[]): number[] {
  const i = t.indexOf(0)
  return t.slice(i).concat(t.slice(0, i))
}

class TwoOptOrOpt {
  readonly tour: Int32Array
  readonly pos: Int32Array
  length: number
  private readonly nbr: Int32Array
  private readonly k: number
  private readonly queue: Int32Array
  private readonly inQueue: Uint8Array
  private qHead = 0
  private qSize = 0
  private readonly tmp: Int32Array

  constructor(
    private readonly d: ArrayLike<number>,
    private readonly n: number,
    start: number[],
  ) {
    this.tour = Int32Array.from(start)
    this.pos = new Int32Array(n)
    for (let i = 0; i < n; i++) this.pos[this.tour[i]!] = i
    this.length = tourLength(d, n, this.tour)
    this.k = Math.min(10, n - 1)
    this.nbr = neighbourLists(d, n, this.k)
    this.queue = new Int32Array(n)
    this.inQueue = new Uint8Array(n)
    this.tmp = new Int32Array(n)
  }

  restore(saved: Int32Array, length: number): void {
    this.tour.set(saved)
    for (let i = 0; i < this.n; i++) this.pos[this.tour[i]!] = i
    this.length = length
  }

  push(c: number): void {
    if (this.inQueue[c]) return
    this.inQueue[c] = 1
    this.queue[(this.qHead + this.qSize) % this.n] = c
    this.qSize++
  }

  private succ(c: number): number {
    const p = this.pos[c]! + 1
    return this.tour[p === this.n ? 0 : p]!
  }

  private pred(c: number): number {
    const p = this.pos[c]!
    return this.tour[p === 0 ? this.n - 1 : p - 1]!
  }

  private dd(a: number, b: number): number {
    return this.d[a * this.n + b]!
  }

  /** Reverses tour positions i..j (cyclic, inclusive), flipping the shorter side instead when cheaper. */
  private reverse(i: number, j: number): void {
    const n = this.n
    let len = ((j - i + n) % n) + 1
    if (len * 2 > n) {
      const ni = (j + 1) % n
      j = (i - 1 + n) % n
      i = ni
      len = n - len
    }
    for (let s = 0; s < len >> 1; s++) {
      const a = this.tour[i]!
      const b = this.tour[j]!
      this.tour[i] = b
      this.pos[b] = i
      this.tour[j] = a
      this.pos[a] = j
      i = i + 1 === n ? 0 : i + 1
      j = j === 0 ? n - 1 : j - 1
    }
  }

  run(): void {
    while (this.qSize > 0) {
      const a = this.queue[this.qHead]!
      this.qHead = (this.qHead + 1) % this.n
      this.qSize--
      this.inQueue[a] = 0
      if (this.improveTwoOpt(a) || this.improveOrOpt(a)) this.push(a)
    }
  }

  private improveTwoOpt(a: number): boolean {
    const { k, nbr } = this
    for (let dir = 0; dir < 2; dir++) {
      const b = dir === 0 ? this.succ(a) : this.pred(a)
      const dab = this.dd(a, b)
      for (let j = 0; j < k; j++) {
        const c = nbr[a * k + j]!
        const dac = this.dd(a, c)
        if (dac >= dab) break
        const e = dir === 0 ? this.succ(c) : this.pred(c)
        if (c === b || e === a) continue
        const delta = dac + this.dd(b, e) - dab - this.dd(c, e)
        if (delta < 0) {
          if (dir === 0) this.reverse(this.pos[b]!, this.pos[c]!)
          else this.reverse(this.pos[a]!, this.pos[e]!)
          this.length += delta
          this.push(b)
          this.push(c)
          this.push(e)
          return true
        }
      }
    }
    return false
  }

  /** Moves a segment of 1..3 nodes that starts or ends at `a` next to one of its endpoints' neighbours. */
  private improveOrOpt(a: number): boolean {
    const { k, nbr, n } = this
    for (let segLen = 1; segLen <= 3 && segLen < n - 2; segLen++) {
      for (let dir = 0; dir < 2; dir++) {
        // Segment s1..s2 in tour order.
        let s1 = a
        let s2 = a
        for (let t = 1; t < segLen; t++) {
          if (dir === 0) s2 = this.succ(s2)
          else s1 = this.pred(s1)
        }
        const p = this.pred(s1)
        const nx = this.succ(s2)
        const removeGain = this.dd(p, s1) + this.dd(s2, nx) - this.dd(p, nx)
        if (removeGain <= 0) continue
        for (let end = 0; end < 2; end++) {
          const s = end === 0 ? s1 : s2
          for (let j = 0; j < k; j++) {
            const c = nbr[s * k + j]!
            if (this.dd(s, c) >= removeGain) break
            if (this.inSegment(c, s1, segLen)) continue
            for (let side = 0; side < 2; side++) {
              const u = side === 0 ? c : this.pred(c)
              const v = side === 0 ? this.succ(c) : c
              if (this.inSegment(u, s1, segLen) || this.inSegment(v, s1, segLen)) continue
              if (u === p && v === s1) continue
              const duv = this.dd(u, v)
              const fwd = this.dd(u, s1) + this.dd(s2, v) - duv
              const rev = this.dd(u, s2) + this.dd(s1, v) - duv
              const add = Math.min(fwd, rev)
              if (add < removeGain) {
                this.moveSegment(s1, segLen, u, rev < fwd)
                this.length += add - removeGain
                this.push(p)
                this.push(nx)
                this.push(s1)
                this.push(s2)
                this.push(u)
                this.push(v)
                return true
              }
            }
          }
        }
      }
    }
    return false
  }

  private inSegment(c: number, s1: number, segLen: number): boolean {
    const off = (this.pos[c]! - this.pos[s1]! + this.n) % this.n
    return off < segLen
  }

  /** Rebuilds the tour with the segment moved after `u` (O(n), moves are rare compared to evaluations). */
  private moveSegment(s1: number, segLen: number, u: number, reversed: boolean): void {
    const n = this.n
    const seg: number[] = []
    for (let t = 0, p = this.pos[s1]!; t < segLen; t++, p = (p + 1) % n) seg.push(this.tour[p]!)
    if (reversed) seg.reverse()
    let w = 0
    const startPos = (this.pos[s1]! + segLen) % n
    for (let t = 0, p = startPos; t < n - segLen; t++, p = (p + 1) % n) {
      const c = this.tour[p]!
      this.tmp[w++] = c
      if (c === u) for (const s of seg) this.tmp[w++] = s
    }
    this.tour.set(this.tmp)
    for (let i = 0; i < n; i++) this.pos[this.tour[i]!] = i
  }

  /** Local double bridge: cuts inside a short window so the kick stays cheap to repair. */
  kick(rng: Rng): void {
    const n = this.n
    if (n < 8) return
    const span = Math.min(n - 1, 30 + rng.below(30))
    const start = rng.below(n)
    const cuts = [1 + rng.below(span - 2), 1 + rng.below(span - 2), 1 + rng.below(span - 2)].sort(
      (x, y) => x - y,
    )
    const [c1, c2, c3] = cuts as [number, number, number]
    if (c1 === c2 || c2 === c3) return
    // Positions relative to start: A=[0,c1) B=[c1,c2) C=[c2,c3) rest; reorder to A C B.
    const at = (r: number) => this.tour[(start + r) % n]!
    const seq: number[] = []
    for (let r = 0; r < c1; r++) seq.push(at(r))
    for (let r = c2; r < c3; r++) seq.push(at(r))
    for (let r = c1; r < c2; r++) seq.push(at(r))
    const delta =
      this.dd(at(c1 - 1), at(c2)) +
      this.dd(at(c3 - 1), at(c1)) +
      this.dd(at(c2 - 1), at(c3)) -
      this.dd(at(c1 - 1), at(c1)) -
      this.dd(at(c2 - 1), at(c2)) -
      this.dd(at(c3 - 1), at(c3))
    const touched = [at(c1 - 1), at(c1), at(c2 - 1), at(c2), at(c3 - 1), at(c3)]
    for (let r = 0; r < seq.length; r++) {
      const p = (start + r) % n
      this.tour[p] = seq[r]!
      this.pos[seq[r]!] = p
    }
    this.length += delta
    for (const c of touched) this.push(c)
  }
}

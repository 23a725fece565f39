/** Comparison tolerance for floating-point times (minutes or benchmark units). */
export const TIME_EPS = 1e-7

/** Route marker for the lunch break: it has no place of its own, it is taken where the rep is. */
export const BREAK = -1

/** A break of `duration` that must start within [earliest, latest]. */
export interface BreakRule {
  duration: number
  earliest: number
  latest: number
}

/**
 * The solver's single problem shape: an orienteering problem with time windows (several per node),
 * mandatory nodes (fixed appointments), an optional break and distinct start/end nodes. Benchmarks
 * and the day planner both compile to this.
 */
export interface OrienteeringProblem {
  /** Number of nodes in the travel matrix (start and end are nodes too; they may coincide). */
  size: number
  /** Row-major size×size travel times. */
  travel: Float64Array
  /** Row-major size×size distances used for reporting only (defaults to travel). */
  distance?: Float64Array
  service: Float64Array
  profit: Float64Array
  /** Per node, service-start windows as a flat sorted list [open0, close0, open1, close1, ...]. */
  windows: Float64Array[]
  /** Nodes that must be visited (fixed appointments). */
  mandatory: Uint8Array
  /** Nodes that may be visited (never contains start or end). */
  candidates: number[]
  start: number
  end: number
  /** Departure time from the start. */
  startTime: number
  /** Latest arrival at the end. */
  endTime: number
  break?: BreakRule
}

/**
 * Earliest feasible service start at `node` when arriving at `arrival`, or NaN when every window
 * has closed. Also reports the close of the window used via `out[0]`.
 */
export function earliestStart(windows: Float64Array, arrival: number, out: Float64Array): number {
  for (let w = 0; w < windows.length; w += 2) {
    const close = windows[w + 1]!
    if (arrival <= close + TIME_EPS) {
      out[0] = close
      const open = windows[w]!
      return Math.max(arrival, open)
    }
  }
  return Number.NaN
}

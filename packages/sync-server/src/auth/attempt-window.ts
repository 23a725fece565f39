/**
 * Counts attempts per key in fixed windows (`windowMs`), in memory: the whole table is dropped when a
 * window ends, so memory is bounded by the keys seen in one window. Returns, per attempt, whether it
 * is over `max` and how long until the window ends.
 */
export function createAttemptWindow(max: number, windowMs: number, now: () => number = Date.now) {
  let windowEnds = 0
  let counts = new Map<string, number>()
  return function attempt(key: string): { over: boolean; retryInMs: number } {
    const t = now()
    if (t >= windowEnds) {
      counts = new Map()
      windowEnds = t + windowMs
    }
    const n = (counts.get(key) ?? 0) + 1
    counts.set(key, n)
    return { over: n > max, retryInMs: windowEnds - t }
  }
}

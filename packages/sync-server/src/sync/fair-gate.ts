/**
 * At most `concurrency` tasks at a time across all keys (users), and at most `perKey` of one key:
 * waiting tasks are served round-robin by key, so one user with many requests queued waits behind
 * their own requests, never in front of another user's, and however many sockets one user opens,
 * slots stay free for the others. The per-instance budget of pull queries in flight (see `handlePull`).
 */
export function createFairGate(concurrency: number, perKey = concurrency) {
  let running = 0
  const inFlight = new Map<string, number>()
  // Insertion order is the round: a key served moves to the back.
  const waiting = new Map<string, (() => void)[]>()
  const start = (key: string) => {
    running++
    inFlight.set(key, (inFlight.get(key) ?? 0) + 1)
  }
  const finish = (key: string) => {
    running--
    const n = (inFlight.get(key) ?? 1) - 1
    if (n > 0) inFlight.set(key, n)
    else inFlight.delete(key)
  }
  const wakeOne = (): boolean => {
    if (running >= concurrency) return false
    for (const [key, queue] of waiting) {
      if ((inFlight.get(key) ?? 0) >= perKey) continue
      const wake = queue.shift()!
      waiting.delete(key)
      if (queue.length > 0) waiting.set(key, queue)
      start(key)
      wake()
      return true
    }
    return false
  }
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    if (running >= concurrency || (inFlight.get(key) ?? 0) >= perKey || waiting.has(key))
      await new Promise<void>((resolve) => {
        const queue = waiting.get(key)
        if (queue) queue.push(resolve)
        else waiting.set(key, [resolve])
      })
    else start(key)
    try {
      return await task()
    } finally {
      finish(key)
      while (wakeOne()) {}
    }
  }
}

/**
 * Cost per key as a token bucket of rows: each pull is charged the rows it read; a key in debt waits
 * until refilled before its next pull runs. A device's initial sync (a few thousand rows) never waits;
 * a client pulling thousands of rows a second waits for itself, and no one else does.
 */
export function createCostBuckets(capacity: number, refillPerSec: number, now: () => number = Date.now) {
  const buckets = new Map<string, { level: number; at: number }>()
  const levelOf = (key: string) => {
    const t = now()
    const b = buckets.get(key) ?? { level: capacity, at: t }
    b.level = Math.min(capacity, b.level + ((t - b.at) / 1000) * refillPerSec)
    b.at = t
    buckets.set(key, b)
    // Full buckets carry no information: dropping them bounds the map by the keys in debt.
    if (b.level >= capacity) buckets.delete(key)
    return b
  }
  return {
    /** Milliseconds `key` must wait before its next request runs (0 when it is not in debt). */
    waitMs(key: string): number {
      const b = levelOf(key)
      return b.level >= 0 ? 0 : Math.ceil((-b.level / refillPerSec) * 1000)
    },
    charge(key: string, cost: number) {
      const b = levelOf(key)
      b.level -= cost
      buckets.set(key, b)
    },
  }
}

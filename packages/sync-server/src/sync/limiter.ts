/**
 * At most `limit` tasks at a time, the rest wait in arrival order. Pushes go through one of these so
 * they can never hold every pooled connection: pulls (and so live delivery) are never starved by a
 * burst of writes.
 */
export function createLimiter(limit: number) {
  let running = 0
  const waiting: (() => void)[] = []
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
    else running++
    try {
      return await task()
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}

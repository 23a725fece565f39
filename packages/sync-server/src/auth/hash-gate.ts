export class HashGateBusy extends Error {}

/**
 * Bounds concurrent password hashing: scrypt takes 64 MiB and tens of milliseconds of a core per
 * call, so a flood of logins would otherwise queue on the thread pool without end (a genuine login
 * waited 37 s behind 400) and grow memory with every waiting request. At most `concurrency` run, at
 * most `maxWaiting` wait; beyond that the caller is told at once (`HashGateBusy`) to retry later.
 */
export function createHashGate(concurrency: number, maxWaiting: number) {
  let running = 0
  const waiting: (() => void)[] = []
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running >= concurrency) {
      if (waiting.length >= maxWaiting) throw new HashGateBusy('password hashing is saturated')
      await new Promise<void>((resolve) => waiting.push(resolve))
    } else running++
    try {
      return await task()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else running--
    }
  }
}

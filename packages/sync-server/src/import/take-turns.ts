/**
 * Long work on the server's one thread in slices: `turn()` gives the event loop a turn once
 * `sliceMs` of work ran since the last one, so health checks and other users' requests are answered
 * while an import of 100,000 lines runs (each waits at most about a slice).
 */
export function takeTurns(sliceMs = 20) {
  let since = performance.now()
  return async (): Promise<void> => {
    if (performance.now() - since < sliceMs) return
    await new Promise((resolve) => setImmediate(resolve))
    since = performance.now()
  }
}

let markReady: () => void = () => {}

/**
 * Resolves once the first screen has shown its data (or after a few seconds at most). Background work
 * that competes for IndexedDB and the main thread (replication start, insights) waits for it, so a
 * returning rep, maybe offline, gets an interactive list first.
 */
export const firstScreenReady = new Promise<void>((resolve) => {
  markReady = resolve
  setTimeout(resolve, 4000)
})

export function markFirstScreenReady(): void {
  markReady()
}

/** Runs `fn` when the first screen is ready and the browser is idle. */
export function afterFirstScreen(fn: () => void): void {
  void firstScreenReady.then(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 1000 })
    else setTimeout(fn, 0)
  })
}

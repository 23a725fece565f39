let markReady: () => void = () => {}
let markPainted: () => void = () => {}
let armed = false

/**
 * Resolves once the first screen has shown its live data (or a few seconds after the local database
 * opened, at most). Background work that competes for IndexedDB and the main thread (replication
 * start, insights) waits for it, so a returning rep, maybe offline, gets an interactive list first.
 */
export const firstScreenReady = new Promise<void>((resolve) => {
  markReady = resolve
})

export function markFirstScreenReady(): void {
  markReady()
}

/** Starts the at-most wait for `firstScreenReady`: called once the local database is open. */
export function armFirstScreenFallback(): void {
  if (armed) return
  armed = true
  setTimeout(markReady, 4000)
}

/**
 * Resolves once the first screen has painted what it can show without the local database (the customer
 * list from its start-up snapshot), or at once when it has nothing such; opening the database (a lot of
 * main-thread work on a slow phone) waits for it. Never later than three seconds after start-up.
 */
export const firstPaint = new Promise<void>((resolve) => {
  markPainted = resolve
  setTimeout(resolve, 3000)
})

export function markFirstPaint(): void {
  markPainted()
}

/** Runs `fn` when the first screen is ready and the browser is idle. */
export function afterFirstScreen(fn: () => void): void {
  void firstScreenReady.then(() => {
    if ('requestIdleCallback' in window) requestIdleCallback(fn, { timeout: 1000 })
    else setTimeout(fn, 0)
  })
}

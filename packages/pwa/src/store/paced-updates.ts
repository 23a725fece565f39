import type { Observable } from 'rxjs'

/** Screens recompute at most this often from live collections. */
export const CALM_MS = 250
/** While a first sync writes page after page, they recompute at most this often. */
export const FIRST_SYNC_MS = 2000

export type PacedUpdates = {
  /** Something changed: `flush` runs once the current pace's delay has passed (one run for many changes). */
  changed(): void
  stop(): void
}

/**
 * Coalesces changes into runs of `flush`: a few times a second normally, every couple of seconds while
 * `syncing` says a first sync is under way (each page would otherwise rebuild the screen's derived data
 * from a collection that is still filling). When the first sync ends, what is pending runs at once.
 */
export function pacedUpdates(flush: () => void, syncing: Observable<boolean>): PacedUpdates {
  let timer: ReturnType<typeof setTimeout> | null = null
  let busy = false
  const run = () => {
    timer = null
    flush()
  }
  const sub = syncing.subscribe((now) => {
    const ended = busy && !now
    busy = now
    if (ended && timer !== null) {
      clearTimeout(timer)
      run()
    }
  })
  return {
    changed() {
      timer ??= setTimeout(run, busy ? FIRST_SYNC_MS : CALM_MS)
    },
    stop() {
      sub.unsubscribe()
      if (timer !== null) clearTimeout(timer)
      timer = null
    },
  }
}

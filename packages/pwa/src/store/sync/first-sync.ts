import { BehaviorSubject } from 'rxjs'

/**
 * A first sync as a person sees it: records on the device out of those in its scope, and whether
 * the recent window (the newest weeks of visits, pulled before the history) is in.
 * `total` is null until a pull has said how many the scope holds (only a first pass does).
 */
export type FirstSyncState = {
  /** A first pass is under way (some pull reported its scope's size) and not yet in sync. */
  active: boolean
  received: number
  total: number | null
  /** Every collection with a recent window has delivered it: review can start. */
  recentIn: boolean
}

export const idleFirstSync: FirstSyncState = { active: false, received: 0, total: null, recentIn: false }

/** Records and whole percent for display; never above the total (rows written meanwhile grow it). */
export function firstSyncFigures(
  s: FirstSyncState,
): { received: number; total: number; percent: number } | null {
  if (s.total === null || s.total === 0) return null
  const received = Math.min(s.received, s.total)
  return { received, total: s.total, percent: Math.floor((received / s.total) * 100) }
}

type Counts = { total: number; recent: Set<string>; fromPass: number }

/**
 * Counts what a device's first sync has received, per collection, from the pulls' `total`s and
 * documents. A document of the recent window is delivered again by the normal pass: it is counted
 * once (the window's ids are kept until the pass is over).
 */
export class FirstSyncProgress {
  readonly state$ = new BehaviorSubject<FirstSyncState>(idleFirstSync)
  private readonly counts = new Map<string, Counts>()
  private readonly windows = new Set<string>()
  private finished = false

  private of(collection: string, total: number): Counts {
    let c = this.counts.get(collection)
    if (!c) {
      c = { total, recent: new Set(), fromPass: 0 }
      this.counts.set(collection, c)
    }
    c.total = total
    return c
  }

  /** A collection that pulls a recent window first; review waits for it. */
  expectWindow(collection: string): void {
    this.windows.add(collection)
  }

  windowPage(collection: string, total: number, ids: readonly string[], done: boolean): void {
    const c = this.of(collection, total)
    for (const id of ids) c.recent.add(id)
    if (done) this.windows.delete(collection)
    this.publish()
  }

  /**
   * `already`: what the device held before this page when the pull resumed a first pass begun in an
   * earlier session (its window, if any, was then already in).
   */
  passPage(collection: string, total: number | undefined, ids: readonly string[], already = 0): void {
    if (total === undefined) {
      // A pass past the first: this collection has nothing left of a first sync.
      if (this.windows.delete(collection)) this.publish()
      return
    }
    const fresh = !this.counts.has(collection)
    const c = this.of(collection, total)
    if (fresh) c.fromPass += already
    for (const id of ids) if (!c.recent.has(id)) c.fromPass++
    // A pass has begun: whatever window there was is over.
    this.windows.delete(collection)
    this.publish()
  }

  /** Every collection is in sync: the first sync is over. */
  finish(): void {
    this.finished = true
    this.counts.clear()
    this.windows.clear()
    this.publish()
  }

  private publish(): void {
    if (this.finished || this.counts.size === 0) {
      this.state$.next(idleFirstSync)
      return
    }
    let received = 0
    let total = 0
    for (const c of this.counts.values()) {
      received += Math.min(c.total, c.recent.size + c.fromPass)
      total += c.total
    }
    this.state$.next({ active: true, received, total, recentIn: this.windows.size === 0 })
  }
}

const progresses = new WeakMap<object, FirstSyncProgress>()

/** The first-sync progress of one open database's replication (one per signed-in app). */
export function firstSyncProgressOf(owner: object): FirstSyncProgress {
  let p = progresses.get(owner)
  if (!p) {
    p = new FirstSyncProgress()
    progresses.set(owner, p)
  }
  return p
}

import type { CollectionName } from '@outrider/domain'

/**
 * `changed` hints to one socket: the first after a quiet spell goes out at once (a lone change is
 * not held back), later ones within `windowMs` of the last hint are merged into one sent when the
 * window ends. A device is so told at most once per window, and a burst costs it one pull per window.
 */
export function createHintCoalescer(send: (collections: CollectionName[]) => void, windowMs: number) {
  const pending = new Set<CollectionName>()
  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    timer = null
    if (pending.size === 0) return
    const collections = [...pending]
    pending.clear()
    send(collections)
    // The window restarts with every hint sent, so hints stay at least `windowMs` apart.
    timer = setTimeout(flush, windowMs)
  }
  return {
    add(collections: Iterable<CollectionName>) {
      for (const c of collections) pending.add(c)
      if (pending.size > 0 && !timer) flush()
    },
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
      pending.clear()
    },
  }
}

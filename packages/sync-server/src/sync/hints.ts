import type { CollectionName } from '@outrider/domain'

/**
 * `changed` hints to one socket: the first after a quiet spell goes out at once (a lone change is
 * not held back), later ones within `windowMs` of the last hint are merged into one sent when the
 * window ends. A device is so told at most once per window, and a burst costs it one pull per window.
 *
 * A collection hinted and not pulled since is not hinted again: the device has been told to pull it,
 * and the pull it makes will see every change committed before it starts (`pulled` is called just
 * before the pull reads). Changes after that are hinted again. So a device busy pulling, or one that
 * never pulls a collection, is not sent a stream of hints it has no use for.
 */
export function createHintCoalescer(send: (collections: CollectionName[]) => void, windowMs: number) {
  const pending = new Set<CollectionName>()
  const unanswered = new Set<CollectionName>()
  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    timer = null
    if (pending.size === 0) return
    const collections = [...pending]
    pending.clear()
    for (const c of collections) unanswered.add(c)
    send(collections)
    // The window restarts with every hint sent, so hints stay at least `windowMs` apart.
    timer = setTimeout(flush, windowMs)
  }
  return {
    add(collections: Iterable<CollectionName>) {
      for (const c of collections) if (!unanswered.has(c)) pending.add(c)
      if (pending.size > 0 && !timer) flush()
    },
    /** The device is about to be sent what it pulls of `collection`: a later change is news again. */
    pulled(collection: CollectionName) {
      unanswered.delete(collection)
    },
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
      pending.clear()
    },
  }
}

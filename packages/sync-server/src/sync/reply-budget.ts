/**
 * Bytes of replies in flight — assembled, or queued on a socket and not yet handed to the network —
 * per user and per instance. A user's next pull starts only while the user has less than `perUser`
 * in flight and the instance less than `perInstance`, or when the user has nothing in flight at all:
 * a client that does not read its replies holds back its own pulls, and one user's unread replies
 * never hold back another user's. Memory for replies stays near `perInstance` plus about one reply
 * per user, whoever reads slowly, instead of a queue of replies per socket.
 */
export function createReplyBudget(perUser: number, perInstance: number) {
  let total = 0
  const byUser = new Map<string, number>()
  const waiting = new Set<{ key: string; wake: () => void }>()
  const may = (key: string) => {
    const mine = byUser.get(key) ?? 0
    return mine === 0 || (mine < perUser && total < perInstance)
  }
  const wakeThose = () => {
    for (const w of waiting)
      if (may(w.key)) {
        waiting.delete(w)
        w.wake()
      }
  }
  return {
    /** Resolves once `key` may start a reply; rejects with the signal's reason if it aborts first. */
    ready(key: string, signal?: AbortSignal): Promise<void> {
      if (may(key)) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const w = {
          key,
          wake: () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
        }
        const onAbort = () => {
          waiting.delete(w)
          reject(signal?.reason)
        }
        if (signal?.aborted) return reject(signal.reason)
        signal?.addEventListener('abort', onAbort, { once: true })
        waiting.add(w)
      })
    },
    /** Counts `bytes` in flight for `key` until the returned release is called (once is enough). */
    hold(key: string, bytes: number): () => void {
      total += bytes
      byUser.set(key, (byUser.get(key) ?? 0) + bytes)
      let held = true
      return () => {
        if (!held) return
        held = false
        total -= bytes
        const left = (byUser.get(key) ?? bytes) - bytes
        if (left > 0) byUser.set(key, left)
        else byUser.delete(key)
        wakeThose()
      }
    },
    /** Bytes in flight: the instance's, or one user's. */
    inFlight(key?: string): number {
      return key === undefined ? total : (byUser.get(key) ?? 0)
    },
  }
}

export type ReplyBudget = ReturnType<typeof createReplyBudget>

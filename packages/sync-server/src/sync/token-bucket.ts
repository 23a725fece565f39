/** What a token bucket says of one more message: take it, refuse it, or close the connection. */
export type BucketVerdict = 'ok' | 'over' | 'flood'

/**
 * A token bucket of `size` tokens refilled at `refillPerSec`. Each message takes a token; without one
 * the message is refused ('over'), and the debt keeps growing, so a sender that ignores the refusals
 * and runs `size` tokens into debt is a flood ('flood').
 */
export function createTokenBucket(size: number, refillPerSec: number, clock: () => number = Date.now) {
  let tokens = size
  let last = clock()
  return {
    take(): BucketVerdict {
      const t = clock()
      tokens = Math.min(size, tokens + ((t - last) / 1000) * refillPerSec)
      last = t
      if (--tokens >= 0) return 'ok'
      return tokens < -size ? 'flood' : 'over'
    },
  }
}

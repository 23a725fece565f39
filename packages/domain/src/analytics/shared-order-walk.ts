/**
 * What one walk over a list of orders learnt, kept (weakly, per orders array) so a second walk over the
 * same array can skip re-reading each order's date and re-looking up its customer: segmentation records
 * it, `computeKpis` reuses it. Every reuse is checked against the order as it is now (same `orderedAt`
 * and `customerId` strings), so an order edited in between is simply read again.
 *
 * Per-order references are kept in chunks of `WALK_CHUNK` (order k at `[k >> WALK_CHUNK_SHIFT][k &
 * WALK_CHUNK_MASK]`): one JS array with an entry per order is a large object, costlier to allocate than the
 * lookups it saves.
 */
export interface SharedOrderWalk {
  /** `orderedAt` of order k when it was read, by chunk. */
  readonly dates: readonly (readonly unknown[])[]
  /** `dayNumber(orderedAt)` (strict ISO date or date-time); NaN when unreadable or not read. */
  readonly days: Float64Array
  /** `customerId` of order k when it was looked up, by chunk. */
  readonly customerIds: readonly (readonly unknown[])[]
  /** Index of order k's customer in `slotIds`, or -1 when the walk did not look it up. */
  readonly slots: Int32Array
  /** The distinct customer ids the walk saw, by slot. */
  readonly slotIds: readonly string[]
}

export const WALK_CHUNK_SHIFT = 13
export const WALK_CHUNK = 1 << WALK_CHUNK_SHIFT
export const WALK_CHUNK_MASK = WALK_CHUNK - 1

const walks = new WeakMap<readonly object[], SharedOrderWalk>()

export function recordOrderWalk(orders: readonly object[], walk: SharedOrderWalk): void {
  walks.set(orders, walk)
}

/** The walk recorded for this very array, if its length has not changed since. */
export function sharedOrderWalk(orders: readonly object[]): SharedOrderWalk | undefined {
  const walk = walks.get(orders)
  return walk !== undefined && walk.days.length === orders.length ? walk : undefined
}

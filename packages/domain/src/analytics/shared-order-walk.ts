/**
 * What one walk over a list of orders learnt, kept (weakly, per orders array) so a second walk over the
 * same array can skip re-looking up each order's customer: segmentation records it, `computeKpis` reuses
 * it. Every reuse is checked against the order as it is now (its `customerId` must still equal the id the
 * slot stands for), so an order edited in between is simply looked up again.
 */
export interface SharedOrderWalk {
  /** Index in `slotIds` of the customer of order k, or -1 when the walk did not look it up. */
  readonly slots: Int32Array
  /** The distinct customer ids the walk saw, by slot. */
  readonly slotIds: readonly string[]
}

const walks = new WeakMap<readonly object[], SharedOrderWalk>()

export function recordOrderWalk(orders: readonly object[], walk: SharedOrderWalk): void {
  walks.set(orders, walk)
}

/** The walk recorded for this very array, if its length has not changed since. */
export function sharedOrderWalk(orders: readonly object[]): SharedOrderWalk | undefined {
  const walk = walks.get(orders)
  return walk !== undefined && walk.slots.length === orders.length ? walk : undefined
}

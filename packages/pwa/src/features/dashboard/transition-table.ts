/** How many customers moved from each class at the start of a period to each class at its end. */
export interface TransitionTable {
  /** Row/column keys in display order (classes seen at either end). */
  keys: string[]
  /** counts[from][to]; customers present at one end only are counted as `(new)` / `(gone)`. */
  counts: Record<string, Record<string, number>>
  /** Customers whose class changed. */
  moved: number
  total: number
}

export const NEW_KEY = '(new)'
export const GONE_KEY = '(gone)'

/**
 * Cross-tabulates two classifications of the same customers (e.g. tier as of the period start vs the
 * end). `order` fixes the display order of known keys; unknown keys follow alphabetically.
 */
export function transitionTable(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  order: readonly string[] = [],
): TransitionTable {
  const counts: Record<string, Record<string, number>> = {}
  const seen = new Set<string>()
  let moved = 0
  let total = 0
  const add = (from: string, to: string) => {
    seen.add(from)
    seen.add(to)
    const row = counts[from] ?? {}
    counts[from] = row
    row[to] = (row[to] ?? 0) + 1
    total++
    if (from !== to) moved++
  }
  for (const [id, to] of after) add(before.get(id) ?? NEW_KEY, to)
  for (const [id, from] of before) if (!after.has(id)) add(from, GONE_KEY)
  const rank = (k: string) => {
    const i = order.indexOf(k)
    if (k === NEW_KEY) return order.length + 1
    if (k === GONE_KEY) return order.length + 2
    return i < 0 ? order.length : i
  }
  const keys = [...seen].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  return { keys, counts, moved, total }
}

/** Customers per class, in `keys` order, for a stacked or grouped bar. */
export function distribution(
  classes: ReadonlyMap<string, string>,
  keys: readonly string[],
): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]))
  for (const v of classes.values()) out[v] = (out[v] ?? 0) + 1
  return out
}

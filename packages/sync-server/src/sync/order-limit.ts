import { maxOrderQuantity } from '@outrider/domain'
import type pg from 'pg'
import { currentPolicy } from '../classification/population-thresholds.ts'

type Queryable = Pick<pg.Pool, 'query'>

/**
 * How long an instance keeps the policy's order-quantity limit: order pushes then cost no extra
 * round trip; a limit saved on another instance applies here within this time (this instance's own
 * saves apply at once, see `forgetOrderQuantityLimit`).
 */
const KEEP_MS = 5_000
const kept = new WeakMap<object, { at: number; limit: number }>()

/** The most of one product an order line may carry, from the policy in force. */
export async function orderQuantityLimit(db: Queryable, nowMs: number): Promise<number> {
  const hit = kept.get(db)
  if (hit && nowMs - hit.at < KEEP_MS) return hit.limit
  const limit = maxOrderQuantity(await currentPolicy(db))
  kept.set(db, { at: nowMs, limit })
  return limit
}

export function forgetOrderQuantityLimit(db: Queryable): void {
  kept.delete(db)
}

/** Each line of the orders above the limit, as a refusal on its field. */
export function quantityRefusals(
  docs: readonly Record<string, unknown>[],
  limit: number,
): { docId?: string; field: string; reason: string }[] {
  const out: { docId?: string; field: string; reason: string }[] = []
  for (const doc of docs) {
    const lines = Array.isArray(doc.lines) ? doc.lines : []
    lines.forEach((line: unknown, i) => {
      const q = typeof line === 'object' && line !== null && 'quantity' in line ? line.quantity : null
      if (typeof q === 'number' && q > limit)
        out.push({
          ...(typeof doc.id === 'string' ? { docId: doc.id } : {}),
          field: `lines.${i}.quantity`,
          reason: `quantity above the policy's limit of ${limit}`,
        })
    })
  }
  return out
}

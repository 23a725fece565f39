import { statusWithOrder } from '@outrider/domain'
import type { OutriderDb } from './device-db.ts'
import { appendRecord, editMergeable, type NewAppended } from './writes.ts'

/**
 * Records an order (once: a retried save finds it stored) and, offline too, makes a prospect a
 * customer, since its first order is what makes it one. The status is a merged field, so the server's
 * own change (made when the order arrives) and this one agree, and neither undoes an edit made elsewhere.
 */
export async function recordOrder(db: OutriderDb, order: NewAppended<'orders'>): Promise<void> {
  if ((await db.orders.findOne(order.id).exec()) === null) await appendRecord(db, 'orders', order)
  const stored = await db.customers.findOne(order.customerId).exec()
  if (stored === null || order.status === 'cancelled') return
  // Documents expose only their indexed fields as properties; the rest is read from their JSON.
  const was = stored.toMutableJSON().status
  const status = statusWithOrder(was)
  if (status !== was) await editMergeable(db, 'customers', order.customerId, { status })
}

import { orderSchema } from '../../model/order.ts'
import { appendOnlyStamps, columns, defineCollection } from '../collection-definition.ts'

/** In cents while summing, so the stored total is exact to the cent. */
const orderTotal = (d: Readonly<Record<string, unknown>>) =>
  Array.isArray(d.lines)
    ? (d.lines as { quantity: number; unitPrice: number }[]).reduce(
        (sum, line) => sum + Math.round(line.quantity * line.unitPrice * 100),
        0,
      ) / 100
    : 0

export const orders = defineCollection({
  schema: orderSchema,
  kind: 'appendOnly',
  serverOwned: appendOnlyStamps,
  scope: { kind: 'owned', ownerField: 'ownerRepId', parent: 'customer', assignable: false },
  table: 'orders',
  columns: [
    ...columns.appendOnly(),
    columns.timestamptz('ordered_at', 'orderedAt'),
    { name: 'total', type: 'numeric', from: orderTotal },
  ],
  deviceIndexes: ['customerId'],
})

import { visitSchema } from '../../model/visit.ts'
import { appendOnlyStamps, columns, defineCollection } from '../collection-definition.ts'

export const visits = defineCollection({
  schema: visitSchema,
  kind: 'appendOnly',
  // The review is a supervisor's, set through the review route; a new visit starts pending.
  serverOwned: { ...appendOnlyStamps, review: { initial: { status: 'pending' } } },
  scope: { kind: 'owned', ownerField: 'ownerRepId', parent: 'customer', assignable: false },
  table: 'visits',
  columns: [
    ...columns.appendOnly(),
    columns.timestamptz('check_in_at', 'checkInAt'),
    columns.text('outcome', 'outcome'),
    {
      name: 'review_status',
      type: 'text',
      from: (d) => (d.review as { status?: string } | undefined)?.status ?? 'pending',
    },
  ],
  deviceIndexes: ['customerId'],
})

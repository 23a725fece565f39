import { feedbackSchema } from '../../model/feedback.ts'
import { appendOnlyStamps, columns, defineCollection } from '../collection-definition.ts'

export const feedback = defineCollection({
  schema: feedbackSchema,
  kind: 'appendOnly',
  serverOwned: appendOnlyStamps,
  scope: { kind: 'owned', ownerField: 'ownerRepId', parent: 'customer', assignable: false },
  table: 'feedback',
  columns: [
    ...columns.appendOnly(),
    columns.timestamptz('at', 'at'),
    columns.integer('score', 'score'),
    {
      name: 'complaint_status',
      type: 'text',
      from: (d) => (d.complaint as { status?: string } | null | undefined)?.status ?? null,
    },
  ],
  deviceIndexes: ['customerId'],
})

import { complaintSchema } from '../../model/complaint.ts'
import { complaintState } from '../../service/complaint-flow.ts'
import { columns, defineCollection } from '../collection-definition.ts'

export const complaints = defineCollection({
  schema: complaintSchema,
  kind: 'mergeable',
  // A complaint travels with its customer (like contacts); `assigneeId` is who handles it, an edit anyone
  // in scope may make (a supervisor hands it to a rep), kept within the customer's team.
  serverOwned: { ownerRepId: 'owner', serverUpdatedAt: 'writeTime' },
  scope: {
    kind: 'owned',
    ownerField: 'ownerRepId',
    parent: 'customer',
    assignable: false,
    handler: 'assigneeId',
  },
  table: 'complaints',
  columns: [
    columns.text('customer_id', 'customerId'),
    ...columns.scope('ownerRepId'),
    columns.text('assignee_id', 'assigneeId'),
    columns.text('category', 'category'),
    // The state is that of the merged steps, so the column is recomputed from them on every write.
    {
      name: 'status',
      type: 'text',
      from: (d) => (Array.isArray(d.steps) ? complaintState({ steps: d.steps as never }) : null),
    },
    columns.timestamptz('due_at', 'dueAt'),
    columns.flag('deleted', 'deleted'),
  ],
  deviceIndexes: ['customerId'],
})

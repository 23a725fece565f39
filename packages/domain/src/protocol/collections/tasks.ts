import { taskSchema } from '../../model/task.ts'
import { columns, defineCollection } from '../collection-definition.ts'

export const tasks = defineCollection({
  schema: taskSchema,
  kind: 'mergeable',
  // `assigneeId` is not server-owned: a supervisor may reassign a task (a rep's are always their own).
  serverOwned: { serverUpdatedAt: 'writeTime' },
  scope: { kind: 'owned', ownerField: 'assigneeId', parent: 'customer', assignable: true },
  table: 'tasks',
  columns: [
    columns.text('customer_id', 'customerId'),
    ...columns.scope('assigneeId'),
    columns.date('due', 'due'),
    columns.text('status', 'status'),
    columns.flag('deleted', 'deleted'),
  ],
})

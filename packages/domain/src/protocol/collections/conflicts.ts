import { columns, defineCollection } from '../collection-definition.ts'
import { conflictLogEntrySchema } from '../conflict-log-entry.ts'

/** Losing values of same-field edits: written by the server's merge, read by supervisors and the rep. */
export const conflicts = defineCollection({
  schema: conflictLogEntrySchema,
  kind: 'readOnly',
  serverOwned: {},
  scope: { kind: 'owned', ownerField: 'ownerRepId', parent: 'customer', assignable: false },
  table: 'conflicts',
  columns: [
    columns.text('collection', 'collection'),
    columns.text('doc_id', 'docId'),
    columns.text('customer_id', 'customerId'),
    ...columns.scope('ownerRepId'),
  ],
})

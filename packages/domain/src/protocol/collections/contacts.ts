import { contactSchema } from '../../model/contact.ts'
import { columns, defineCollection } from '../collection-definition.ts'

export const contacts = defineCollection({
  schema: contactSchema,
  kind: 'mergeable',
  serverOwned: { ownerRepId: 'owner', serverUpdatedAt: 'writeTime' },
  scope: { kind: 'owned', ownerField: 'ownerRepId', parent: 'customer', assignable: false },
  table: 'contacts',
  columns: [
    columns.text('customer_id', 'customerId'),
    ...columns.scope('ownerRepId'),
    columns.flag('deleted', 'deleted'),
  ],
  deviceIndexes: ['customerId'],
})

import { customerSchema } from '../../model/customer.ts'
import { columns, defineCollection } from '../collection-definition.ts'

const coordinate = (axis: 'lat' | 'lng') => (d: Readonly<Record<string, unknown>>) => {
  const location = d.location
  if (location === null || typeof location !== 'object') return null
  const value = (location as Record<string, unknown>)[axis]
  return typeof value === 'number' ? value : null
}

export const customers = defineCollection({
  schema: customerSchema,
  kind: 'mergeable',
  // Owner and team change only through a supervisor's assignment (`reassignCustomers`).
  serverOwned: { ownerRepId: 'owner', teamId: 'ownerTeam', serverUpdatedAt: 'writeTime' },
  scope: { kind: 'owned', ownerField: 'ownerRepId', parent: 'none', assignable: false },
  table: 'customers',
  columns: [
    ...columns.scope('ownerRepId'),
    columns.text('name', 'name'),
    columns.text('phone', 'phone'),
    columns.text('city', 'city'),
    { name: 'lat', type: 'double precision', from: coordinate('lat') },
    { name: 'lng', type: 'double precision', from: coordinate('lng') },
    columns.flag('deleted', 'deleted'),
  ],
})

import { dayPlanSchema } from '../../model/day-plan.ts'
import { columns, defineCollection } from '../collection-definition.ts'

export const dayPlans = defineCollection({
  schema: dayPlanSchema,
  kind: 'mergeable',
  // A plan stays its rep's: a supervisor names the rep when creating one, and no later edit moves it.
  serverOwned: { repId: 'owner', serverUpdatedAt: 'writeTime' },
  scope: { kind: 'owned', ownerField: 'repId', parent: 'none', assignable: true },
  table: 'day_plans',
  columns: [...columns.scope('repId'), columns.date('date', 'date'), columns.flag('deleted', 'deleted')],
})

import { generateCareTasks, type ServicePolicy, type Task } from '@outrider/domain'
import type { CustomerInsight, InsightsSnapshot } from './insights-types.ts'

/** The care tasks the policy asks for today, for customers the analysis knows (with tier and stage). */
export function careTasksOf(
  s: InsightsSnapshot,
  policy: ServicePolicy,
  byCustomer: Record<string, CustomerInsight>,
): Task[] {
  const customers = s.customers.flatMap((c) => {
    const insight = byCustomer[c.id]
    if (insight === undefined || c.deleted || c.mergedInto !== undefined) return []
    return [
      {
        id: c.id,
        ownerRepId: c.ownerRepId,
        name: c.name,
        tier: insight.tier,
        segment: insight.segment,
        lifecycleStage: insight.lifecycle,
        birthday: c.birthday,
        preferredChannel: c.preferredChannel,
      },
    ]
  })
  return generateCareTasks({
    policy,
    customers,
    contacts: s.contacts ?? [],
    visits: s.visits,
    orders: s.orders,
    complaints: s.complaints ?? [],
    today: s.clock.today,
  })
}

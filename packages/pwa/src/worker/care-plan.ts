import {
  complaintState,
  type FeedbackFact,
  generateCareTasks,
  type ServicePolicy,
  type Task,
} from '@outrider/domain'
import type { CustomerInsight, InsightsSnapshot } from './insights-types.ts'

/**
 * What segmentation reads as complaints. With complaint records, their real state decides what is open
 * (complaints typed into visits before they were records no longer count as open forever).
 */
export function complaintFacts(s: InsightsSnapshot): FeedbackFact[] {
  if (s.complaints === undefined) return s.feedback
  const facts: FeedbackFact[] = s.feedback.map((f) => ({ ...f, complaint: null }))
  for (const c of s.complaints) {
    if (c.deleted) continue
    const state = complaintState(c)
    facts.push({
      customerId: c.customerId,
      at: c.openedAt,
      complaint: { status: state === 'closed' ? 'resolved' : state },
    })
  }
  return facts
}

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

import type { Complaint } from '../model/complaint.ts'
import type { ServicePolicy } from '../model/service-policy.ts'
import { defaultServicePolicy } from '../segmentation/default-service-policy.ts'
import { newComplaintFields } from './complaint-flow.ts'

/** The default policy with every care action on for tier A. */
export function carePolicy(overrides: Partial<ServicePolicy> = {}): ServicePolicy {
  const p = structuredClone(defaultServicePolicy)
  p.tiers.A.careActions = [
    'birthday_greeting',
    'holiday_greeting',
    'callback_after_order',
    'win_back_offer',
    'complaint_follow_up',
  ]
  return { ...p, ...overrides }
}

export function sampleComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: 'cmp-1',
    createdAt: '2026-03-05T09:00:00.000Z',
    updatedAt: '2026-03-05T09:00:00.000Z',
    clocks: {},
    ownerRepId: 'rep-1',
    ...newComplaintFields({
      id: 'cmp-1',
      stepId: 'st-1',
      customerId: 'cust-1',
      visitId: null,
      category: 'delivery',
      severity: 'medium',
      description: '送货晚了两天',
      by: 'rep-1',
      at: '2026-03-05T09:00:00.000Z',
      dueAt: '2026-03-06T09:00:00.000Z',
    }),
    ...overrides,
  }
}

import type { ServicePolicy } from '../model/service-policy.ts'
import { defaultRfmGrid } from './rfm-segments.ts'

/**
 * The service policy a new workspace starts with: A customers visited weekly, B fortnightly, C monthly;
 * customers slipping away (lifecycle at risk; important customers to win back or retain) visited sooner
 * than their tier says. Segments by the Chinese RFM model, high and low against the population means.
 */
export const defaultServicePolicy: ServicePolicy = {
  id: 'default-service-policy',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  name: 'Default service policy',
  tiers: {
    A: {
      visitEveryDays: 7,
      serviceMinutes: 45,
      channel: 'visit',
      contactsPerMonth: 8,
      careActions: ['birthday_greeting', 'holiday_greeting', 'callback_after_order', 'satisfaction_survey'],
      callbackAfterDays: 3,
    },
    B: {
      visitEveryDays: 14,
      serviceMinutes: 30,
      channel: 'visit',
      contactsPerMonth: 4,
      careActions: ['holiday_greeting', 'callback_after_order'],
      callbackAfterDays: 7,
    },
    C: {
      visitEveryDays: 30,
      serviceMinutes: 20,
      channel: 'phone',
      contactsPerMonth: 1,
      careActions: ['holiday_greeting'],
      callbackAfterDays: null,
    },
  },
  segmentOverrides: {
    at_risk: { visitEveryDays: 7 },
    important_winback: { visitEveryDays: 5 },
    important_retain: { visitEveryDays: 10 },
  },
  tierShares: { a: 0.8, b: 0.15 },
  rfmGrid: defaultRfmGrid,
  scoreWeights: { value: 0.4, potential: 0.2, loyalty: 0.25, risk: 0.15 },
}

/**
 * The policy in force among those stored: `policy-default` if present, else the first by id, else the
 * domain default (so a device classifies before its first sync). The server picks the same one.
 */
export function activeServicePolicy(policies: readonly ServicePolicy[]): ServicePolicy {
  const sorted = [...policies].sort((a, b) =>
    a.id === 'policy-default' ? -1 : b.id === 'policy-default' ? 1 : a.id.localeCompare(b.id),
  )
  return sorted[0] ?? defaultServicePolicy
}

import type { ServicePolicy, TagRule } from '@outrider/domain'

/**
 * The standard RFM segment map (`rfmGrid[r − 1][f − 1]`), rows R1..R5, columns F1..F5:
 * recent and frequent buyers are champions, frequent buyers gone quiet are the ones not to lose.
 */
const rfmGrid = [
  ['lost', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
  ['promising', 'potential_loyalist', 'potential_loyalist', 'loyal', 'loyal'],
  ['new', 'potential_loyalist', 'potential_loyalist', 'champions', 'champions'],
]

/** The default service policy: A customers weekly, B fortnightly, C monthly; at-risk and can't-lose ones sooner. */
export function defaultServicePolicy(createdAt: string): ServicePolicy {
  return {
    id: 'policy-default',
    createdAt,
    updatedAt: createdAt,
    name: '默认服务策略',
    tiers: {
      A: { visitEveryDays: 7, serviceMinutes: 45, channel: 'visit', contactsPerMonth: 6, careActions: ['birthday_greeting', 'holiday_greeting', 'callback_after_order', 'satisfaction_survey', 'complaint_follow_up'], callbackAfterDays: 3 },
      B: { visitEveryDays: 14, serviceMinutes: 30, channel: 'visit', contactsPerMonth: 3, careActions: ['holiday_greeting', 'satisfaction_survey', 'complaint_follow_up'], callbackAfterDays: 7 },
      C: { visitEveryDays: 30, serviceMinutes: 20, channel: 'phone', contactsPerMonth: 1, careActions: ['holiday_greeting', 'complaint_follow_up'], callbackAfterDays: null },
    },
    segmentOverrides: { at_risk: { visitEveryDays: 7 }, cant_lose: { visitEveryDays: 7 }, new: { visitEveryDays: 10 }, hibernating: { visitEveryDays: 45 } },
    tierShares: { a: 0.8, b: 0.15 },
    rfmGrid,
    scoreWeights: { value: 0.4, potential: 0.2, loyalty: 0.2, risk: 0.2 },
  }
}

/** Three automatic tags, written in the rule language over customer facts (monetary, openComplaints, recencyDays). */
export function defaultTagRules(createdAt: string): TagRule[] {
  const base = { createdAt, updatedAt: createdAt, active: true }
  return [
    { id: 'tag-rule-big-account', ...base, tag: '大客户', label: { en: 'Key account', zh: '大客户' }, rule: { field: 'monetary', op: 'gte', value: 50_000 } },
    { id: 'tag-rule-recent-complaint', ...base, tag: '近期投诉', label: { en: 'Open complaint', zh: '近期投诉' }, rule: { field: 'openComplaints', op: 'gt', value: 0 } },
    {
      id: 'tag-rule-dormant',
      ...base,
      tag: '沉睡客户',
      label: { en: 'Dormant', zh: '沉睡客户' },
      rule: { field: 'recencyDays', op: 'gt', value: 120 },
    },
  ]
}

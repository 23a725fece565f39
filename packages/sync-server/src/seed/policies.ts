import { defaultServicePolicy, type ServicePolicy, type TagRule } from '@outrider/domain'

/** The domain's default policy (A weekly, B fortnightly, C monthly; at-risk sooner), named for the demo. */
export function demoServicePolicy(createdAt: string): ServicePolicy {
  const policy: ServicePolicy = {
    ...structuredClone(defaultServicePolicy),
    id: 'policy-default',
    name: '默认服务策略',
    createdAt,
    updatedAt: createdAt,
  }
  // The demo shows every care action on the A tier, and a short survey after its visits.
  policy.tiers.A.careActions = [
    'birthday_greeting',
    'holiday_greeting',
    'callback_after_order',
    'win_back_offer',
    'complaint_follow_up',
  ]
  policy.tiers.B.careActions = ['holiday_greeting', 'callback_after_order', 'win_back_offer']
  policy.tiers.A.complaintResponseHours = 24
  policy.tiers.B.complaintResponseHours = 48
  policy.tiers.C.complaintResponseHours = 72
  policy.tiers.A.survey = {
    questions: [
      { id: 'q-delivery', kind: 'rating', label: { zh: '对送货是否满意', en: 'Satisfied with delivery' } },
      {
        id: 'q-range',
        kind: 'choice',
        label: { zh: '最想增加的品类', en: 'Category most wanted' },
        options: [
          { zh: '饮料', en: 'Drinks' },
          { zh: '零食', en: 'Snacks' },
          { zh: '日用品', en: 'Household' },
        ],
      },
      { id: 'q-note', kind: 'text', label: { zh: '其他建议', en: 'Other suggestions' } },
    ],
  }
  return policy
}

/** Three automatic tags, written in the rule language over customer facts (monetary, openComplaints, recencyDays). */
export function defaultTagRules(createdAt: string): TagRule[] {
  const base = { createdAt, updatedAt: createdAt, active: true }
  return [
    {
      id: 'tag-rule-big-account',
      ...base,
      tag: '大客户',
      label: { en: 'Key account', zh: '大客户' },
      rule: { field: 'monetary', op: 'gte', value: 100_000 },
    },
    {
      id: 'tag-rule-recent-complaint',
      ...base,
      tag: '近期投诉',
      label: { en: 'Open complaint', zh: '近期投诉' },
      rule: { field: 'openComplaints', op: 'gt', value: 0 },
    },
    {
      id: 'tag-rule-dormant',
      ...base,
      tag: '沉睡客户',
      label: { en: 'Dormant', zh: '沉睡客户' },
      rule: { field: 'recencyDays', op: 'gt', value: 120 },
    },
  ]
}

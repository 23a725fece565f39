import { defaultServicePolicy, type ServicePolicy, type TagRule } from '@outrider/domain'

/** The domain's default policy (A weekly, B fortnightly, C monthly; at-risk sooner), named for the demo. */
export function demoServicePolicy(createdAt: string): ServicePolicy {
  return {
    ...structuredClone(defaultServicePolicy),
    id: 'policy-default',
    name: '默认服务策略',
    createdAt,
    updatedAt: createdAt,
  }
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

/** A label in both languages of the app. */
type Label = { en: string; zh: string }

/**
 * What each audit-log action code means, in words. The code stays what is stored and exported (stable
 * for filters and other systems); the words are shown beside it in the admin's screen and export. A
 * code missing here is shown as itself (see `auditActionLabel`).
 */
export const auditActionLabels: Readonly<Record<string, Label>> = {
  'organisation.setup': { en: 'Organisation set up', zh: '创建组织' },
  'organisation.update': { en: 'Organisation settings changed', zh: '修改组织设置' },
  'user.create': { en: 'User created', zh: '新建用户' },
  'user.update': { en: 'User changed', zh: '修改用户' },
  'user.disable': { en: 'User disabled', zh: '停用用户' },
  'user.enable': { en: 'User enabled again', zh: '重新启用用户' },
  'user.reset_password': { en: 'Password reset', zh: '重置密码' },
  'team.create': { en: 'Team created', zh: '新建团队' },
  'team.update': { en: 'Team changed', zh: '修改团队' },
  'product.create': { en: 'Product created', zh: '新建产品' },
  'product.update': { en: 'Product changed', zh: '修改产品' },
  'customField.create': { en: 'Custom field defined', zh: '新建自定义字段' },
  'customField.update': { en: 'Custom field changed', zh: '修改自定义字段' },
  'customers.assign': { en: 'Customers assigned', zh: '分配客户' },
  'customers.merge': { en: 'Duplicate customers merged', zh: '合并重复客户' },
  'policy.create': { en: 'Service policy created', zh: '新建服务策略' },
  'policy.update': { en: 'Service policy changed', zh: '修改服务策略' },
  'policy.targets': { en: 'Targets set', zh: '设定目标' },
  'tag_rule.create': { en: 'Tag rule created', zh: '新建标签规则' },
  'tag_rule.update': { en: 'Tag rule changed', zh: '修改标签规则' },
  'clusters.create': { en: 'Customer clusters saved', zh: '保存客户聚类' },
  'clusters.update': { en: 'Customer clusters changed', zh: '修改客户聚类' },
  'import.customers': { en: 'Customers imported', zh: '导入客户' },
  'import.orders': { en: 'Orders imported', zh: '导入订单' },
  'import.products': { en: 'Products imported', zh: '导入产品' },
  'visits.correct': { en: 'Visit corrected', zh: '更正拜访' },
  'visits.cancel': { en: 'Visit cancelled', zh: '作废拜访' },
  'orders.correct': { en: 'Order corrected', zh: '更正订单' },
  'orders.cancel': { en: 'Order cancelled', zh: '作废订单' },
  'feedback.correct': { en: 'Feedback corrected', zh: '更正反馈' },
  'feedback.cancel': { en: 'Feedback withdrawn', zh: '撤销反馈' },
}

/** What an audit entry's target is, in words (the code stays beside it). */
export const auditTargetLabels: Readonly<Record<string, Label>> = {
  organisation: { en: 'Organisation', zh: '组织' },
  user: { en: 'User', zh: '用户' },
  team: { en: 'Team', zh: '团队' },
  product: { en: 'Product', zh: '产品' },
  products: { en: 'Products', zh: '产品' },
  customField: { en: 'Custom field', zh: '自定义字段' },
  customer: { en: 'Customer', zh: '客户' },
  customers: { en: 'Customers', zh: '客户' },
  policy: { en: 'Service policy', zh: '服务策略' },
  tag_rule: { en: 'Tag rule', zh: '标签规则' },
  clusters: { en: 'Customer clusters', zh: '客户聚类' },
  visits: { en: 'Visit', zh: '拜访' },
  orders: { en: 'Order', zh: '订单' },
  feedback: { en: 'Feedback', zh: '反馈' },
}

const pick = (labels: Readonly<Record<string, Label>>, code: string, language: string): string => {
  const label = Object.hasOwn(labels, code) ? labels[code] : undefined
  if (!label) return code
  return language.toLowerCase().startsWith('en') ? label.en : label.zh
}

/** An audit action in words in `language` (`en…` English, else Chinese); an unknown code as itself. */
export const auditActionLabel = (code: string, language: string): string =>
  pick(auditActionLabels, code, language)

/** An audit target type in words in `language`; an unknown one as itself. */
export const auditTargetLabel = (code: string, language: string): string =>
  pick(auditTargetLabels, code, language)

/** Who acted, by role, in words (the same words as the app's people screens). */
export const roleLabels: Readonly<Record<string, Label>> = {
  rep: { en: 'Sales rep', zh: '业务员' },
  supervisor: { en: 'Supervisor', zh: '主管' },
  admin: { en: 'Administrator', zh: '管理员' },
}

/** A role in words in `language`; an unknown one as itself. */
export const roleLabel = (code: string, language: string): string => pick(roleLabels, code, language)

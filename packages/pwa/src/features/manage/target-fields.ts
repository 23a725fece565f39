/**
 * The monthly target fields, in the order the form shows them: each with its label in both languages
 * and whether it is a share (typed as a percentage, 0–100, stored as 0–1). The form, its parsing and
 * the messages all read this one table.
 */
const table = [
  { key: 'visits', percent: false, en: 'Visits', zh: '拜访次数' },
  { key: 'contacts', percent: false, en: 'Contacts logged', zh: '联系记录' },
  { key: 'orders', percent: false, en: 'Orders', zh: '订单数' },
  { key: 'visitCoverage', percent: true, en: 'Due visits made (%)', zh: '应访完成率（%）' },
  { key: 'careOnTime', percent: true, en: 'Care tasks done on time (%)', zh: '关怀任务按时完成率（%）' },
  { key: 'openComplaints', percent: false, en: 'Open complaints at most', zh: '未结投诉最多' },
] as const

export type TargetField = (typeof table)[number]['key']

export const targetFields: readonly TargetField[] = table.map((f) => f.key)

/** Shares are typed as percentages (0–100) and stored as 0–1. */
export const percentFields: ReadonlySet<TargetField> = new Set(
  table.filter((f) => f.percent).map((f) => f.key),
)

/** The fields' labels in one language, for the messages. */
export function targetFieldLabels(language: 'en' | 'zh'): Record<TargetField, string> {
  const labels = {} as Record<TargetField, string>
  for (const f of table) labels[f.key] = f[language]
  return labels
}

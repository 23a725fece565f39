import type { CustomField, RuleNode } from '@outrider/domain'
import type { TFunction } from 'i18next'
import { customFieldLabel } from '../../shared/custom-fields.ts'

/** Labels of the custom fields' rule fields (`custom.<key>`) in a language. */
export type CustomFieldLabels = ReadonlyMap<string, string>

export function customFieldLabels(customFields: readonly CustomField[], language: string): CustomFieldLabels {
  return new Map(customFields.map((f) => [`custom.${f.key}`, customFieldLabel(f, language)]))
}

const known = (t: TFunction, key: string) => t(key, { defaultValue: '' }) !== ''

/**
 * A field's label; a custom field's is the admin's label in the reader's language; a field the app
 * does not know keeps its name (it was typed by a person).
 */
export function fieldLabel(t: TFunction, field: string, custom: CustomFieldLabels = new Map()): string {
  const label = custom.get(field)
  if (label !== undefined) return label
  return known(t, `code.ruleField.${field}`) ? t(`code.ruleField.${field}`) : field
}

/** The team's clusters' names in the reader's language, by stable id ("#2 老客户"). */
export type ClusterLabels = ReadonlyMap<string, string>

function valueText(t: TFunction, field: string, v: unknown, clusters: ClusterLabels): string {
  if (Array.isArray(v)) return v.map((x) => valueText(t, field, x, clusters)).join('、')
  // A cluster is named, never shown as its id; one the team's clusters no longer hold is said so.
  if (field === 'cluster') return clusters.get(String(v)) ?? t('code.ruleGoneCluster')
  if (field === 'status' && known(t, `code.customerStatus.${String(v)}`))
    return t(`code.customerStatus.${String(v)}`)
  const unit = known(t, `code.ruleUnit.${field}`) ? t(`code.ruleUnit.${field}`) : ''
  return `${String(v)}${unit}`
}

/**
 * A tag rule as a sentence in the reader's language ("最近购买距今 超过 120 天"), never as JSON; a cluster
 * by its name among the team's clusters (`clusters`, by id).
 */
export function ruleSentence(
  t: TFunction,
  node: RuleNode,
  custom: CustomFieldLabels = new Map(),
  clusters: ClusterLabels = new Map(),
): string {
  if ('field' in node) {
    const op = t(`code.operator.${node.op}`)
    const head = `${fieldLabel(t, node.field, custom)} ${op}`
    return node.op === 'exists' ? head : `${head} ${valueText(t, node.field, node.value, clusters)}`
  }
  if ('not' in node) return t('code.ruleNot', { rule: ruleSentence(t, node.not, custom, clusters) })
  const join = 'all' in node ? 'all' : 'any'
  const list = 'all' in node ? node.all : node.any
  return list
    .map((n) => {
      const s = ruleSentence(t, n, custom, clusters)
      return 'field' in n || 'not' in n ? s : `（${s}）`
    })
    .join(t(`code.ruleJoin.${join}`))
}

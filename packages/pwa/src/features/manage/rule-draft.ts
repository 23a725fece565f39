import {
  type ClusterModel,
  type CustomField,
  clusterDisplayName,
  clusterIds,
  parseCustomFieldInput,
  type RuleCondition,
  type RuleNode,
  ruleNodeSchema,
  ruleOperatorSchema,
} from '@outrider/domain'
import { offeredCustomFields } from '../../shared/custom-fields.ts'

export type RuleOp = RuleCondition['op']
export const ruleOps = ruleOperatorSchema.options

/** What the rule builder edits: a flat list of conditions joined by all/any; values as typed text. */
export interface RuleDraft {
  join: 'all' | 'any'
  conditions: { field: string; op: RuleOp; value: string }[]
}

/** Fields the builder offers (see the domain's `profileFields`); `ruleFieldKind` says what each holds. */
export const ruleFields = [
  'recencyDays',
  'frequency',
  'monetary',
  'r',
  'f',
  'm',
  'rfm',
  'segment',
  'tier',
  'lifecycle',
  'score',
  'tags',
  'cluster',
  'averageOrderValue',
  'visits',
  'daysSinceVisit',
  'openComplaints',
  'averageRating',
  'status',
  'city',
  'district',
  'industry',
] as const

/** A custom field's rule field: its value as the profile exposes it (see the domain's `profileFields`). */
export const customRuleField = (key: string) => `custom.${key}`

/** The builder's fields and then one per active custom field the admin defined. */
export function offeredRuleFields(customFields: readonly CustomField[] | null | undefined): string[] {
  return [...ruleFields, ...offeredCustomFields(customFields).map((f) => customRuleField(f.key))]
}

/**
 * What a field holds, which decides the operators offered and how a typed value is read: a number
 * field compares numbers; a text field keeps what was typed as text (the RFM code "545" is text, so
 * it must not become the number 545, which never equals it); a list field (tags) is tested for members;
 * a date (a custom field's) is a YYYY-MM-DD text, ordered as dates are; a choice is one of its options.
 * A cluster is one of the team's saved clusters, chosen by name and kept as its stable id.
 * Fields the builder does not know (typed by hand, or a custom field no longer defined) take any
 * operator and read numbers and true/false as such.
 */
export type RuleFieldKind = 'number' | 'text' | 'list' | 'date' | 'choice' | 'cluster' | 'any'

const textFields: ReadonlySet<string> = new Set([
  'rfm',
  'segment',
  'tier',
  'lifecycle',
  'status',
  'city',
  'district',
  'industry',
])
const listFields: ReadonlySet<string> = new Set(['tags'])
const numberFields: ReadonlySet<string> = new Set([
  'recencyDays',
  'frequency',
  'monetary',
  'r',
  'f',
  'm',
  'ordersLastYear',
  'score',
  'value',
  'potential',
  'loyalty',
  'risk',
  'averageOrderValue',
  'firstPurchaseDaysAgo',
  'medianGapDays',
  'recentSpend',
  'priorSpend',
  'visits',
  'answeredVisits',
  'daysSinceVisit',
  'openComplaints',
  'averageRating',
  'visitEveryDays',
])

/** The definition behind a `custom.<key>` field, when there is one. */
export function customFieldOf(
  field: string,
  customFields: readonly CustomField[] = [],
): CustomField | undefined {
  if (!field.startsWith('custom.')) return undefined
  const key = field.slice('custom.'.length)
  return customFields.find((f) => f.key === key)
}

export function ruleFieldKind(field: string, customFields: readonly CustomField[] = []): RuleFieldKind {
  const custom = customFieldOf(field, customFields)
  if (custom) return custom.type
  if (field === 'cluster') return 'cluster'
  if (numberFields.has(field)) return 'number'
  if (textFields.has(field)) return 'text'
  if (listFields.has(field)) return 'list'
  return 'any'
}

/** Operators that can hold for a field of each kind (ordering words and lists mean nothing, nor does "is" on a list). */
const opsByKind: Record<RuleFieldKind, readonly RuleOp[]> = {
  number: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  text: ['eq', 'ne', 'in', 'contains', 'exists'],
  list: ['contains', 'in', 'exists'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'exists'],
  choice: ['eq', 'ne', 'in', 'exists'],
  cluster: ['eq', 'ne', 'in', 'exists'],
  any: ruleOps,
}

/** The operators the builder offers for a field. */
export function ruleOpsFor(field: string, customFields: readonly CustomField[] = []): readonly RuleOp[] {
  return opsByKind[ruleFieldKind(field, customFields)]
}

/** Kinds whose typed values stay text (a date or a choice too: read by its field, never as a number). */
const textKinds: ReadonlySet<RuleFieldKind> = new Set(['text', 'list', 'date', 'choice', 'cluster'])

/** A cluster the builder offers as a rule value: its stable id (what the rule keeps) and its names. */
export interface ClusterOption {
  id: string
  label: { en: string; zh: string }
}

/** The team's saved clusters, as the rule builder offers them ("#1 大客户"), in the model's order. */
export function clusterRuleOptions(
  model: Pick<ClusterModel, 'centres' | 'ids' | 'names'> | null,
): ClusterOption[] {
  if (!model) return []
  return clusterIds(model).map((id, i) => ({
    id,
    label: { en: clusterDisplayName(model, i, false), zh: clusterDisplayName(model, i, true) },
  }))
}

const numericOps: RuleOp[] = ['gt', 'gte', 'lt', 'lte']

function scalar(text: string, kind: RuleFieldKind): string | number | boolean {
  const s = text.trim()
  if (textKinds.has(kind)) return s
  if (s === 'true') return true
  if (s === 'false') return false
  if (s !== '' && Number.isFinite(Number(s))) return Number(s)
  return s
}

export type DraftResult = { ok: true; rule: RuleNode } | { ok: false; line: number; reason: string }

/**
 * One typed value of a custom date or choice field as the customer stores it (`2026/3/7` → 2026-03-07,
 * a choice matched to its option); null when it is not one.
 */
function customValue(field: CustomField | undefined, typed: string | number | boolean): string | null {
  if (!field || (field.type !== 'date' && field.type !== 'choice')) return String(typed)
  const parsed = parseCustomFieldInput(field, String(typed))
  return parsed.ok && typeof parsed.value === 'string' ? parsed.value : null
}

/**
 * The rule a draft stands for, checked with the domain's `ruleNodeSchema`. A number field and numeric
 * comparisons need numbers (a date field compares dates), a text field keeps its value as text, a date
 * or choice field takes dates or its options, `in` takes a comma-separated list (、，also accepted),
 * `exists` takes no value.
 */
export function draftToRule(draft: RuleDraft, customFields: readonly CustomField[] = []): DraftResult {
  if (draft.conditions.length === 0) return { ok: false, line: 0, reason: 'empty' }
  const nodes: RuleNode[] = []
  for (const [i, c] of draft.conditions.entries()) {
    if (!c.field.trim()) return { ok: false, line: i, reason: 'field' }
    const kind = ruleFieldKind(c.field.trim(), customFields)
    const custom = customFieldOf(c.field.trim(), customFields)
    const refusal = custom?.type === 'date' ? 'date' : 'choice'
    let node: RuleCondition
    if (c.op === 'exists') node = { field: c.field.trim(), op: 'exists' }
    else if (c.op === 'in') {
      const items = c.value
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (!textKinds.has(kind) && Number.isFinite(Number(s)) ? Number(s) : s))
      if (items.length === 0) return { ok: false, line: i, reason: 'value' }
      if (kind === 'number' && items.some((x) => typeof x !== 'number'))
        return { ok: false, line: i, reason: 'number' }
      const read = kind === 'date' || kind === 'choice'
      const values = read ? items.map((x) => customValue(custom, x)) : items
      if (values.some((x) => x === null)) return { ok: false, line: i, reason: refusal }
      node = { field: c.field.trim(), op: 'in', value: values }
    } else {
      const v = scalar(c.value, kind)
      if (v === '') return { ok: false, line: i, reason: 'value' }
      const value = customValue(custom, v)
      if (value === null) return { ok: false, line: i, reason: refusal }
      if (kind !== 'date' && (numericOps.includes(c.op) || kind === 'number') && typeof v !== 'number')
        return { ok: false, line: i, reason: 'number' }
      node = { field: c.field.trim(), op: c.op, value: kind === 'date' || kind === 'choice' ? value : v }
    }
    nodes.push(node)
  }
  const rule: RuleNode = draft.join === 'all' ? { all: nodes } : { any: nodes }
  const parsed = ruleNodeSchema.safeParse(rule)
  if (!parsed.success) return { ok: false, line: 0, reason: parsed.error.issues[0]?.message ?? 'invalid' }
  return { ok: true, rule: parsed.data }
}

function isCondition(n: RuleNode): n is RuleCondition {
  return 'field' in n
}

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.join(', ')
  return v === undefined ? '' : String(v)
}

/** The draft for an existing rule, or null when it nests deeper than the builder shows (edit as JSON). */
export function ruleToDraft(rule: RuleNode): RuleDraft | null {
  const toCond = (n: RuleNode) =>
    isCondition(n) ? { field: n.field, op: n.op, value: valueText(n.value) } : null
  if (isCondition(rule)) return { join: 'all', conditions: [toCond(rule)!] }
  if ('all' in rule || 'any' in rule) {
    const list = 'all' in rule ? rule.all : rule.any
    const conditions = list.map(toCond)
    if (conditions.some((c) => c === null)) return null
    return { join: 'all' in rule ? 'all' : 'any', conditions: conditions as RuleDraft['conditions'] }
  }
  return null
}

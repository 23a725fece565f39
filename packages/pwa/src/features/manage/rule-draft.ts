import { type RuleCondition, type RuleNode, ruleNodeSchema, ruleOperatorSchema } from '@outrider/domain'

export type RuleOp = RuleCondition['op']
export const ruleOps = ruleOperatorSchema.options

/** What the rule builder edits: a flat list of conditions joined by all/any; values as typed text. */
export interface RuleDraft {
  join: 'all' | 'any'
  conditions: { field: string; op: RuleOp; value: string }[]
}

/** Fields a rule can test (see the domain's `profileFields`); numeric ones need a number. */
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

const numericOps: RuleOp[] = ['gt', 'gte', 'lt', 'lte']

function scalar(text: string): string | number | boolean {
  const s = text.trim()
  if (s === 'true') return true
  if (s === 'false') return false
  if (s !== '' && Number.isFinite(Number(s))) return Number(s)
  return s
}

export type DraftResult = { ok: true; rule: RuleNode } | { ok: false; line: number; reason: string }

/**
 * The rule a draft stands for, checked with the domain's `ruleNodeSchema`. Numeric comparisons need a
 * number, `in` takes a comma-separated list (、，also accepted), `exists` takes no value.
 */
export function draftToRule(draft: RuleDraft): DraftResult {
  if (draft.conditions.length === 0) return { ok: false, line: 0, reason: 'empty' }
  const nodes: RuleNode[] = []
  for (const [i, c] of draft.conditions.entries()) {
    if (!c.field.trim()) return { ok: false, line: i, reason: 'field' }
    let node: RuleCondition
    if (c.op === 'exists') node = { field: c.field.trim(), op: 'exists' }
    else if (c.op === 'in') {
      const items = c.value
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (Number.isFinite(Number(s)) ? Number(s) : s))
      if (items.length === 0) return { ok: false, line: i, reason: 'value' }
      node = { field: c.field.trim(), op: 'in', value: items }
    } else {
      const v = scalar(c.value)
      if (v === '') return { ok: false, line: i, reason: 'value' }
      if (numericOps.includes(c.op) && typeof v !== 'number') return { ok: false, line: i, reason: 'number' }
      node = { field: c.field.trim(), op: c.op, value: v }
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

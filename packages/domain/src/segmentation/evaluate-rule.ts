import { type RuleNode, ruleNodeSchema } from '../model/tag-rule.ts'
import type { SegmentationError } from './segmentation-error.ts'

/** A value a rule can test: what a customer profile exposes under a field name. */
export type ProfileValue = string | number | boolean | null | readonly (string | number)[]
export type ProfileFields = Readonly<Record<string, ProfileValue>>

/** The schema's documented nesting limit; deeper rules are refused, not evaluated. */
export const MAX_RULE_DEPTH = 8

type Scalar = string | number | boolean

function isScalar(v: unknown): v is Scalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v))
}

function lookup(fields: ProfileFields, field: unknown): ProfileValue | undefined {
  if (typeof field !== 'string' || !Object.hasOwn(fields, field)) return undefined
  return fields[field]
}

function compare(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number' && !Number.isNaN(a) && !Number.isNaN(b)) return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  return null
}

/** One condition. A missing field makes every operator false (so `not` of it is true). */
function condition(actual: ProfileValue | undefined, op: unknown, expected: unknown): boolean {
  if (actual === undefined) return false
  switch (op) {
    case 'exists':
      return actual !== null
    case 'eq':
      return isScalar(actual) && actual === expected
    case 'ne':
      return isScalar(actual) && isScalar(expected) && actual !== expected
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const d = compare(actual, expected)
      if (d === null) return false
      return op === 'gt' ? d > 0 : op === 'gte' ? d >= 0 : op === 'lt' ? d < 0 : d <= 0
    }
    case 'in': {
      if (!Array.isArray(expected)) return false
      if (Array.isArray(actual)) return actual.some((v) => expected.includes(v))
      return isScalar(actual) && expected.includes(actual)
    }
    case 'contains':
      if (Array.isArray(actual)) return isScalar(expected) && actual.includes(expected as string | number)
      return typeof actual === 'string' && typeof expected === 'string' && actual.includes(expected)
    default:
      return false
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function own(node: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined
}

function evaluateAt(node: unknown, fields: ProfileFields, depth: number): boolean {
  if (depth > MAX_RULE_DEPTH || !isObject(node)) return false
  const all = own(node, 'all')
  if (all !== undefined) {
    return Array.isArray(all) && all.length > 0 && all.every((n) => evaluateAt(n, fields, depth + 1))
  }
  const any = own(node, 'any')
  if (any !== undefined) return Array.isArray(any) && any.some((n) => evaluateAt(n, fields, depth + 1))
  if (Object.hasOwn(node, 'not')) return isObject(node.not) && !evaluateAt(node.not, fields, depth + 1)
  return condition(lookup(fields, own(node, 'field')), own(node, 'op'), own(node, 'value'))
}

/**
 * Whether a profile satisfies a rule (`ruleNodeSchema`): conditions joined by all/any/not. Interpreted
 * directly, never through `eval`; malformed nodes and unknown fields are false, and it never throws.
 */
export function evaluateRule(rule: RuleNode | unknown, fields: ProfileFields): boolean {
  try {
    return evaluateAt(rule, fields, 1)
  } catch {
    return false
  }
}

function depthOf(node: RuleNode): number {
  if ('all' in node) return 1 + Math.max(...node.all.map(depthOf))
  if ('any' in node) return 1 + Math.max(...node.any.map(depthOf))
  if ('not' in node) return 1 + depthOf(node.not)
  return 1
}

/** Validates a user-written rule once (zod, nesting limit), so it can then be evaluated per customer. */
export function parseTagRule(
  rule: unknown,
): { ok: true; value: RuleNode } | { ok: false; error: SegmentationError } {
  try {
    const parsed = ruleNodeSchema.safeParse(rule)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
      return {
        ok: false,
        error: { code: 'bad_input', message: `invalid tag rule${where}: ${issue?.message ?? 'unknown'}` },
      }
    }
    if (depthOf(parsed.data) > MAX_RULE_DEPTH) {
      return {
        ok: false,
        error: { code: 'bad_input', message: `tag rule nested deeper than ${MAX_RULE_DEPTH}` },
      }
    }
    return { ok: true, value: parsed.data }
  } catch {
    // Only a pathological input (e.g. nesting deep enough to exhaust the stack) gets here.
    return { ok: false, error: { code: 'bad_input', message: 'tag rule could not be read' } }
  }
}

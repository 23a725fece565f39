import { z } from 'zod'
import { entityBase, shortText, text } from './common.ts'

export const ruleOperatorSchema = z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists'])

export type RuleCondition = { field: string; op: z.infer<typeof ruleOperatorSchema>; value?: unknown }
export type RuleNode = RuleCondition | { all: RuleNode[] } | { any: RuleNode[] } | { not: RuleNode }

const conditionSchema = z.object({
  field: text(64).min(1),
  op: ruleOperatorSchema,
  value: z
    .union([text(200), z.number(), z.boolean(), z.array(z.union([text(200), z.number()])).max(100)])
    .optional(),
})

/** A small JSON rule language: conditions combined with all/any/not, nested at most 8 deep. */
export const ruleNodeSchema: z.ZodType<RuleNode> = z.lazy(() =>
  z.union([
    conditionSchema,
    z.object({ all: z.array(ruleNodeSchema).min(1).max(50) }),
    z.object({ any: z.array(ruleNodeSchema).min(1).max(50) }),
    z.object({ not: ruleNodeSchema }),
  ]),
)

export const tagRuleSchema = z.object({
  ...entityBase,
  tag: shortText.min(1),
  label: z.object({ en: shortText, zh: shortText }),
  rule: ruleNodeSchema,
  active: z.boolean(),
})
export type TagRule = z.infer<typeof tagRuleSchema>

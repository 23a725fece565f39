import { z } from 'zod'
import { idSchema, isoDateTimeSchema } from '../model/common.ts'
import { monthTargetsSchema, servicePolicySchema, targetScopeSchema } from '../model/service-policy.ts'
import { tagRuleSchema } from '../model/tag-rule.ts'
import { defineEndpoint } from './endpoint.ts'

// A covers share `a` of spend and B the next share `b`, so together they cannot exceed all of it.
export const policyBodySchema = servicePolicySchema.refine((p) => p.tierShares.a + p.tierShares.b <= 1, {
  message: 'tierShares.a + tierShares.b must not exceed 1',
  path: ['tierShares'],
})
// Stored reference documents come back with the server's stamp (`serverUpdatedAt`, in every entity).
const storedPolicy = servicePolicySchema
const storedTagRule = tagRuleSchema

export const listPolicies = defineEndpoint({
  method: 'GET',
  path: '/api/policies',
  response: z.array(storedPolicy),
})

/** Replaces a service policy; every device receives it with its next pull. */
export const savePolicy = defineEndpoint({
  method: 'PUT',
  path: '/api/policies/:id',
  body: policyBodySchema,
  response: storedPolicy,
})

/**
 * Sets (or, with `targets: null`, removes) the monthly targets of the organisation (admins), a team or
 * one rep (their supervisor or an admin); the rest of the policy is left as stored.
 */
export const saveTargets = defineEndpoint({
  method: 'PUT',
  path: '/api/policies/:id/targets',
  body: z.object({ scope: targetScopeSchema, targets: monthTargetsSchema.nullable() }),
  response: storedPolicy,
})

export const listTagRules = defineEndpoint({
  method: 'GET',
  path: '/api/tag-rules',
  response: z.array(storedTagRule),
})

/** A new tag rule; the server gives it an id and its times when the body has none. */
export const createTagRule = defineEndpoint({
  method: 'POST',
  path: '/api/tag-rules',
  body: tagRuleSchema.extend({
    id: idSchema.optional(),
    createdAt: isoDateTimeSchema.optional(),
    updatedAt: isoDateTimeSchema.optional(),
  }),
  response: storedTagRule,
})

/** Changes a tag rule (its times are the server's). */
export const updateTagRule = defineEndpoint({
  method: 'PUT',
  path: '/api/tag-rules/:id',
  body: tagRuleSchema.partial({ id: true, createdAt: true, updatedAt: true }),
  response: storedTagRule,
})

/** Retires a tag rule: it stays stored, inactive, so history still explains past tags. */
export const retireTagRule = defineEndpoint({
  method: 'DELETE',
  path: '/api/tag-rules/:id',
  response: storedTagRule,
})

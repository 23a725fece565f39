import { z } from 'zod'
import { contactSchema } from '../model/contact.ts'
import { customerSchema } from '../model/customer.ts'
import { dayPlanSchema } from '../model/day-plan.ts'
import { feedbackSchema } from '../model/feedback.ts'
import { orderSchema } from '../model/order.ts'
import { productSchema } from '../model/product.ts'
import { servicePolicySchema } from '../model/service-policy.ts'
import { tagRuleSchema } from '../model/tag-rule.ts'
import { taskSchema } from '../model/task.ts'
import { teamSchema } from '../model/team.ts'
import { userSchema } from '../model/user.ts'
import { visitSchema } from '../model/visit.ts'
import type { CollectionName } from './collection-name.ts'
import { conflictLogEntrySchema } from './conflict-log-entry.ts'

/**
 * What devices see of a user: an explicit allow-list, so a secret later added to the user row (a password
 * hash, a reset token) cannot leak through sync by default. Parsing strips every other key.
 */
export const publicUserSchema = userSchema.pick({
  id: true,
  createdAt: true,
  updatedAt: true,
  serverUpdatedAt: true,
  email: true,
  displayName: true,
  role: true,
  teamId: true,
  phone: true,
  disabled: true,
  home: true,
  workStart: true,
  workEnd: true,
  locale: true,
})
export type PublicUser = z.infer<typeof publicUserSchema>

/** The model schema of each collection's documents (without the wire's `_deleted` flag). */
export const collectionSchemas = {
  customers: customerSchema,
  contacts: contactSchema,
  orders: orderSchema,
  visits: visitSchema,
  tasks: taskSchema,
  feedback: feedbackSchema,
  dayPlans: dayPlanSchema,
  products: productSchema,
  policies: servicePolicySchema,
  tagRules: tagRuleSchema,
  teams: teamSchema,
  users: publicUserSchema,
  conflicts: conflictLogEntrySchema,
} as const satisfies Record<CollectionName, z.ZodObject>

/** A document as it crosses the wire: the model document plus RxDB's deletion flag. */
export function wireDocumentSchema<C extends CollectionName>(collection: C) {
  return collectionSchemas[collection].extend({ _deleted: z.boolean() })
}

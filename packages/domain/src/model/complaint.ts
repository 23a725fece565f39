import { z } from 'zod'
import { idSchema, isoDateTimeSchema, longText, mergeableBase, text } from './common.ts'

export const complaintStateSchema = z.enum(['open', 'in_progress', 'resolved', 'closed'])
export type ComplaintState = z.infer<typeof complaintStateSchema>

export const complaintActionSchema = z.enum(['open', 'start', 'resolve', 'close', 'reopen', 'assign'])
export type ComplaintAction = z.infer<typeof complaintActionSchema>

export const complaintSeveritySchema = z.enum(['low', 'medium', 'high'])
export type ComplaintSeverity = z.infer<typeof complaintSeveritySchema>

/** The state each action leads to; `assign` keeps whatever state the complaint is in. */
export const complaintActionTarget: Readonly<Record<Exclude<ComplaintAction, 'assign'>, ComplaintState>> = {
  open: 'open',
  start: 'in_progress',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'open',
}

/** One step of a complaint's handling: who did what, when, with a note. */
export const complaintStepSchema = z
  .object({
    id: idSchema,
    action: complaintActionSchema,
    /** The state after this step. */
    to: complaintStateSchema,
    by: idSchema,
    at: isoDateTimeSchema,
    note: text(2_000),
    /** `assign` steps: who handles it from now on. */
    assigneeId: idSchema.optional(),
  })
  // A step that claims another state than its action leads to would make the complaint's state a lie.
  .refine((s) => s.action === 'assign' || complaintActionTarget[s.action] === s.to, {
    message:
      'a step must lead to the state of its action (start → in_progress, resolve → resolved, close → closed, reopen → open)',
    path: ['to'],
  })
export type ComplaintStep = z.infer<typeof complaintStepSchema>

/**
 * A complaint, handled to the end. Its state is the last of its `steps` (by time, then id); steps are a
 * grow-only set, so steps taken on two devices at once are both kept when the copies merge.
 */
export const complaintSchema = z.object({
  ...mergeableBase,
  customerId: idSchema,
  /** Server-owned: the customer's owner when stored, for scope. */
  ownerRepId: idSchema.nullable().optional(),
  visitId: idSchema.nullable(),
  /** One of the policy's complaint categories (an editable list). */
  category: text(200).min(1),
  severity: complaintSeveritySchema,
  description: longText,
  openedAt: isoDateTimeSchema,
  /** openedAt + the tier's response time. */
  dueAt: isoDateTimeSchema,
  /** Who handles it; a supervisor may assign it to a rep. */
  assigneeId: idSchema.nullable(),
  steps: z
    .array(complaintStepSchema)
    .min(1)
    .max(500)
    .refine((steps) => steps.some((s) => s.action === 'open'), 'a complaint’s steps start with its opening'),
  /** The customer's satisfaction with the resolution, 1–5. */
  satisfaction: z.number().int().min(1).max(5).nullable(),
  deleted: z.boolean().optional(),
})
export type Complaint = z.infer<typeof complaintSchema>

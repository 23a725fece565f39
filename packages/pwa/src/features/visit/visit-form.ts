import {
  type Feedback,
  feedbackSchema,
  gpsFixSchema,
  type Order,
  orderTotal,
  type Task,
  type Visit,
  visitOutcomeSchema,
  visitPurposeSchema,
} from '@outrider/domain'
import { z } from 'zod'
import { newId } from '../../store/writes.ts'

export const complaintCategorySchema = feedbackSchema.shape.complaint.unwrap().shape.category
export const gpsProblemSchema = z.enum(['denied', 'unavailable', 'timeout', 'unsupported'])
export type GpsProblem = z.infer<typeof gpsProblemSchema>

const formLineSchema = z.object({
  productId: z.string().min(1),
  name: z.string().max(200),
  quantity: z.number().positive().max(1e7),
  unitPrice: z.number().nonnegative().max(1e9),
})

/**
 * What the visit screen edits (and autosaves as a draft). Record ids are made when the visit
 * starts, so saving again after a half-finished save never stores anything twice.
 */
export const visitFormSchema = z.object({
  visitId: z.string().min(1).max(64),
  orderId: z.string().min(1).max(64),
  feedbackId: z.string().min(1).max(64),
  taskId: z.string().min(1).max(64),
  checkInAt: z.string().nullable(),
  gps: gpsFixSchema.nullable(),
  gpsProblem: gpsProblemSchema.nullable(),
  purpose: visitPurposeSchema,
  notes: z.string().max(5_000),
  outcome: visitOutcomeSchema,
  lines: z.array(formLineSchema).max(200),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  /** "Would you recommend us", 0–10, or null when not asked. */
  nps: z.number().int().min(0).max(10).nullable(),
  complaint: z.string().max(2_000),
  complaintCategory: complaintCategorySchema,
  followUpTitle: z.string().max(200),
  followUpDue: z.union([z.iso.date(), z.literal('')]),
  photoIds: z.array(z.string().min(1).max(64)).max(20),
})
export type VisitForm = z.infer<typeof visitFormSchema>

/** The check-out rules on top of the field rules. */
export const visitCheckoutSchema = visitFormSchema.superRefine((v, ctx) => {
  if (!v.checkInAt) ctx.addIssue({ code: 'custom', path: ['checkInAt'], message: 'mustCheckIn' })
  const title = v.followUpTitle.trim()
  if ((title === '') !== (v.followUpDue === ''))
    ctx.addIssue({
      code: 'custom',
      path: [title === '' ? 'followUpTitle' : 'followUpDue'],
      message: 'followUpIncomplete',
    })
})

export function emptyVisitForm(): VisitForm {
  return {
    visitId: newId('visit'),
    orderId: newId('order'),
    feedbackId: newId('fb'),
    taskId: newId('task'),
    checkInAt: null,
    gps: null,
    gpsProblem: null,
    purpose: 'routine',
    notes: '',
    outcome: 'interested',
    lines: [],
    satisfaction: null,
    nps: null,
    complaint: '',
    complaintCategory: 'product',
    followUpTitle: '',
    followUpDue: '',
    photoIds: [],
  }
}

/** A stored draft, read leniently: fields that no longer parse fall back to a fresh form's. */
export function restoreVisitForm(data: unknown): VisitForm {
  const fresh = emptyVisitForm()
  if (typeof data !== 'object' || data === null) return fresh
  const merged: Record<string, unknown> = { ...fresh }
  for (const [key, field] of Object.entries(visitFormSchema.shape)) {
    const value = (data as Record<string, unknown>)[key]
    if (value !== undefined && field.safeParse(value).success) merged[key] = value
  }
  return visitFormSchema.parse(merged)
}

export type VisitRecords = {
  visit: Omit<Visit, 'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'>
  order: Omit<Order, 'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'> | null
  feedback: Omit<Feedback, 'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'> | null
  task: Omit<Task, 'createdAt' | 'updatedAt' | 'clocks'> | null
}

/** Turns a checked-out form into the records to store: one visit, plus order, feedback and task when due. */
export function visitRecords(
  form: VisitForm,
  ctx: { customerId: string; userId: string; now: string },
): VisitRecords {
  const lines = form.lines.map((l) => ({ ...l, name: l.name || l.productId }))
  const complaint = form.complaint.trim()
  const followUp =
    form.followUpTitle.trim() && form.followUpDue
      ? { title: form.followUpTitle.trim(), due: form.followUpDue }
      : null
  const visit = {
    id: form.visitId,
    customerId: ctx.customerId,
    checkInAt: form.checkInAt ?? ctx.now,
    checkOutAt: ctx.now,
    checkInGps: form.gps,
    purpose: form.purpose,
    notes: form.notes,
    outcome: form.outcome,
    orderLines: lines,
    satisfaction: form.satisfaction,
    complaint: complaint || null,
    followUp,
    photoIds: form.photoIds,
    nps: form.nps,
  }
  const order =
    lines.length > 0
      ? {
          id: form.orderId,
          customerId: ctx.customerId,
          visitId: form.visitId,
          orderedAt: ctx.now,
          status: 'placed' as const,
          lines,
        }
      : null
  const feedback =
    form.satisfaction !== null || complaint
      ? {
          id: form.feedbackId,
          customerId: ctx.customerId,
          visitId: form.visitId,
          at: ctx.now,
          score: form.satisfaction,
          recommend: null,
          comment: complaint,
          complaint: complaint
            ? {
                category: form.complaintCategory,
                status: 'open' as const,
                resolution: null,
                resolvedAt: null,
              }
            : null,
        }
      : null
  const task = followUp
    ? {
        id: form.taskId,
        customerId: ctx.customerId,
        assigneeId: ctx.userId,
        kind: 'follow_up' as const,
        title: followUp.title,
        notes: '',
        due: followUp.due,
        status: 'open' as const,
        doneAt: null,
        sourceVisitId: form.visitId,
      }
    : null
  return { visit, order, feedback, task }
}

export const formOrderTotal = (lines: VisitForm['lines']) =>
  orderTotal(lines.filter((l) => Number.isFinite(l.quantity) && Number.isFinite(l.unitPrice)))

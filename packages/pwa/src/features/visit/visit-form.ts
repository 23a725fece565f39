import {
  type ComplaintSeverity,
  complaintSeveritySchema,
  DEFAULT_MAX_ORDER_QUANTITY,
  type Feedback,
  feedbackSchema,
  gpsFixSchema,
  type Order,
  orderTotal,
  type Survey,
  type Task,
  type Visit,
  visitOutcomeSchema,
  visitPurposeSchema,
} from '@outrider/domain'
import { z } from 'zod'
import { newId } from '../../store/writes.ts'

/** The categories feedback knows; a category of the policy's own list is filed there as `other`. */
export const complaintCategorySchema = feedbackSchema.shape.complaint.unwrap().shape.category
export const gpsProblemSchema = z.enum(['denied', 'unavailable', 'timeout', 'unsupported'])
export type GpsProblem = z.infer<typeof gpsProblemSchema>

/** Prices outside this share of the list price (under half, over double) need the rep's confirmation. */
export const PRICE_BAND = { low: 0.5, high: 2 } as const
/** Longest texts, shown as counters beside the fields. */
export const MAX_LENGTH = { notes: 5_000, complaint: 2_000, followUpTitle: 200, checkInReason: 500 } as const

// Messages are keys of `visit.errors` (the editor shows each beside its field, translated).
const formLineSchema = z.object({
  productId: z.string().min(1, { message: 'chooseProduct' }),
  name: z.string().max(200),
  quantity: z.number({ message: 'quantityNumber' }).positive({ message: 'quantityPositive' }),
  unitPrice: z
    .number({ message: 'priceNumber' })
    .nonnegative({ message: 'priceNegative' })
    .max(1e7, { message: 'priceMax' }),
  /** The rep confirmed a price outside the band around the list price. */
  priceConfirmed: z.boolean().optional(),
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
  complaintId: z.string().min(1).max(64),
  checkInAt: z.string().nullable(),
  gps: gpsFixSchema.nullable(),
  gpsProblem: gpsProblemSchema.nullable(),
  /** Why the check-in is far from the shop or while it is closed, when it is. */
  checkInReason: z.string().max(MAX_LENGTH.checkInReason, { message: 'tooLong' }),
  purpose: visitPurposeSchema,
  notes: z.string().max(MAX_LENGTH.notes, { message: 'tooLong' }),
  /** Empty until the rep chooses: an outcome is never pre-selected. */
  outcome: z.union([visitOutcomeSchema, z.literal('')]),
  lines: z.array(formLineSchema).max(200),
  satisfaction: z.number().int().min(1).max(5).nullable(),
  /** "Would you recommend us", 0–10, or null when not asked. */
  nps: z.number().int().min(0).max(10).nullable(),
  /** Answers to the tier's survey by question id: a rating 1–5, a choice's index, or text. */
  surveyAnswers: z.record(
    z.string().max(64),
    z.union([z.number().int().min(0).max(10), z.string().max(1_000)]),
  ),
  complaint: z.string().max(MAX_LENGTH.complaint, { message: 'tooLong' }),
  /** One of the policy's complaint categories (an editable list). */
  complaintCategory: z.string().min(1).max(200),
  complaintSeverity: complaintSeveritySchema,
  followUpTitle: z.string().max(MAX_LENGTH.followUpTitle, { message: 'tooLong' }),
  followUpDue: z.union([z.iso.date(), z.literal('')]),
  photoIds: z.array(z.string().min(1).max(64)).max(20),
})
export type VisitForm = z.infer<typeof visitFormSchema>

export type CheckoutContext = {
  /** Local date, YYYY-MM-DD: a follow-up cannot be due before it. */
  today: string
  /** The catalogue price of a product, if known. */
  listPrice: (productId: string) => number | undefined
  /**
   * The most of one product a line may carry: the policy's `maxOrderQuantity`, a guard against a
   * slipped digit (1000 for 100); the server refuses more too.
   */
  maxQuantity: number
}

/** Whether a price is far enough from the list price to need confirming. */
export function outsideBand(unitPrice: number, listPrice: number | undefined): boolean {
  if (listPrice === undefined || listPrice <= 0 || !Number.isFinite(unitPrice)) return false
  return unitPrice < listPrice * PRICE_BAND.low || unitPrice > listPrice * PRICE_BAND.high
}

/** The check-out rules on top of the field rules (each issue is on the field it is about). */
export function checkoutSchema(c: CheckoutContext) {
  return visitFormSchema.superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message })
    if (!v.checkInAt) issue(['checkInAt'], 'mustCheckIn')
    if (v.outcome === '') issue(['outcome'], 'chooseOutcome')
    const title = v.followUpTitle.trim()
    if ((title === '') !== (v.followUpDue === ''))
      issue([title === '' ? 'followUpTitle' : 'followUpDue'], 'followUpIncomplete')
    if (v.followUpDue !== '' && c.today !== '' && v.followUpDue < c.today) issue(['followUpDue'], 'dueInPast')
    v.lines.forEach((l, i) => {
      if (l.quantity > c.maxQuantity) issue(['lines', i, 'quantity'], 'quantityMax')
      if (!l.priceConfirmed && outsideBand(l.unitPrice, c.listPrice(l.productId)))
        issue(['lines', i, 'unitPrice'], 'priceOutOfBand')
    })
  })
}

/** The rules without a catalogue or a date (tests, and drafts checked away from the screen). */
export const visitCheckoutSchema = checkoutSchema({
  today: '',
  listPrice: () => undefined,
  maxQuantity: DEFAULT_MAX_ORDER_QUANTITY,
})

export function emptyVisitForm(): VisitForm {
  return {
    visitId: newId('visit'),
    orderId: newId('order'),
    feedbackId: newId('fb'),
    taskId: newId('task'),
    complaintId: newId('cmp'),
    checkInAt: null,
    gps: null,
    gpsProblem: null,
    checkInReason: '',
    purpose: 'routine',
    notes: '',
    outcome: '',
    lines: [],
    satisfaction: null,
    nps: null,
    surveyAnswers: {},
    complaint: '',
    complaintCategory: 'product',
    complaintSeverity: 'medium',
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
  // A restored visit is finished deliberately: its outcome is chosen again, never carried over.
  return visitFormSchema.parse({ ...merged, outcome: '' })
}

export type VisitRecords = {
  visit: Omit<Visit, 'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'>
  order: Omit<Order, 'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'> | null
  feedback: Omit<Feedback, 'createdAt' | 'updatedAt' | 'revisionOf' | 'revision'> | null
  task: Omit<Task, 'createdAt' | 'updatedAt' | 'clocks'> | null
  /** The complaint record to open (its due date comes from the customer's tier when stored). */
  complaint: {
    id: string
    visitId: string
    category: string
    severity: ComplaintSeverity
    description: string
  } | null
}

/**
 * The survey as asked, with the answers given (blank text left out), or nothing when the tier has no
 * survey or no question was answered.
 */
function surveyOf(form: VisitForm, survey: Survey | undefined): { survey?: Visit['survey'] } {
  if (!survey) return {}
  const answers: Record<string, number | string> = {}
  for (const q of survey.questions) {
    const a = form.surveyAnswers[q.id]
    if (typeof a === 'number' || (typeof a === 'string' && a.trim() !== ''))
      answers[q.id] = typeof a === 'string' ? a.trim() : a
  }
  return Object.keys(answers).length === 0 ? {} : { survey: { questions: survey.questions, answers } }
}

/** Turns a checked-out form into the records to store: one visit, plus order, feedback and task when due. */
export function visitRecords(
  form: VisitForm,
  ctx: { customerId: string; userId: string; now: string; survey?: Survey | undefined },
): VisitRecords {
  const lines = form.lines.map(({ priceConfirmed: _, ...l }) => ({ ...l, name: l.name || l.productId }))
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
    ...(form.checkInReason.trim() ? { checkInReason: form.checkInReason.trim() } : {}),
    purpose: form.purpose,
    notes: form.notes,
    // Check-out refuses an empty outcome (see `checkoutSchema`).
    outcome: (form.outcome || 'follow_up') as z.infer<typeof visitOutcomeSchema>,
    orderLines: lines,
    satisfaction: form.satisfaction,
    complaint: complaint || null,
    followUp,
    photoIds: form.photoIds,
    nps: form.nps,
    ...surveyOf(form, ctx.survey),
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
                category: complaintCategorySchema.safeParse(form.complaintCategory).data ?? 'other',
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
  const complaintRecord = complaint
    ? {
        id: form.complaintId,
        visitId: form.visitId,
        category: form.complaintCategory,
        severity: form.complaintSeverity,
        description: complaint,
      }
    : null
  return { visit, order, feedback, task, complaint: complaintRecord }
}

export const formOrderTotal = (lines: VisitForm['lines']) =>
  orderTotal(lines.filter((l) => Number.isFinite(l.quantity) && Number.isFinite(l.unitPrice)))

import {
  DEFAULT_MAX_ORDER_QUANTITY,
  feedbackSchema,
  orderSchema,
  taskSchema,
  visitSchema,
} from '@outrider/domain'
import { describe, expect, it } from 'vitest'
import {
  checkoutSchema,
  emptyVisitForm,
  restoreVisitForm,
  type VisitForm,
  visitCheckoutSchema,
  visitRecords,
} from './visit-form.ts'

const now = '2026-03-02T03:00:00.000Z'
const ctx = { customerId: 'c-1', userId: 'rep1', now }
const base = (over: Partial<VisitForm> = {}): VisitForm => ({
  ...emptyVisitForm(),
  checkInAt: '2026-03-02T02:30:00.000Z',
  outcome: 'interested',
  ...over,
})
const stamp = { createdAt: now, updatedAt: now }

describe('visitRecords', () => {
  it('a plain visit is one visit record and nothing else', () => {
    const r = visitRecords(base({ notes: '例行拜访' }), ctx)
    expect(r.order).toBeNull()
    expect(r.feedback).toBeNull()
    expect(r.task).toBeNull()
    expect(r.visit).toMatchObject({ customerId: 'c-1', checkOutAt: now, notes: '例行拜访', complaint: null })
    expect(visitSchema.safeParse({ ...r.visit, ...stamp, revisionOf: r.visit.id, revision: 1 }).success).toBe(
      true,
    )
  })

  it('a full visit yields an order tied to it, feedback with an open complaint, and a follow-up task', () => {
    const form = base({
      lines: [{ productId: 'p1', name: '矿泉水', quantity: 3, unitPrice: 2.5 }],
      satisfaction: 2,
      complaint: '送货晚了',
      complaintCategory: 'delivery',
      followUpTitle: '回访投诉处理',
      followUpDue: '2026-03-05',
      photoIds: ['ph-1'],
    })
    const r = visitRecords(form, ctx)
    expect(r.visit.orderLines).toHaveLength(1)
    expect(r.visit.followUp).toEqual({ title: '回访投诉处理', due: '2026-03-05' })
    expect(r.order).toMatchObject({ visitId: form.visitId, status: 'placed', lines: form.lines })
    expect(r.feedback?.complaint).toEqual({
      category: 'delivery',
      status: 'open',
      resolution: null,
      resolvedAt: null,
    })
    expect(r.feedback?.score).toBe(2)
    expect(r.task).toMatchObject({
      kind: 'follow_up',
      assigneeId: 'rep1',
      status: 'open',
      sourceVisitId: form.visitId,
    })
    const append = { ...stamp, revision: 1 }
    expect(orderSchema.safeParse({ ...r.order, ...append, revisionOf: r.order?.id }).success).toBe(true)
    expect(feedbackSchema.safeParse({ ...r.feedback, ...append, revisionOf: r.feedback?.id }).success).toBe(
      true,
    )
    expect(taskSchema.safeParse({ ...r.task, ...stamp, clocks: {} }).success).toBe(true)
    expect(r.complaint).toEqual({
      id: form.complaintId,
      visitId: form.visitId,
      category: 'delivery',
      severity: 'medium',
      description: '送货晚了',
    })
  })

  it('a category of the policy’s own list opens a complaint record of it, filed as “other” in the feedback', () => {
    const r = visitRecords(base({ complaint: '包装破损', complaintCategory: '包装' }), ctx)
    expect(r.complaint?.category).toBe('包装')
    expect(r.feedback?.complaint?.category).toBe('other')
  })

  it('satisfaction alone gives feedback without a complaint', () => {
    const r = visitRecords(base({ satisfaction: 5 }), ctx)
    expect(r.feedback).toMatchObject({ score: 5, complaint: null })
    expect(r.complaint).toBeNull()
  })
})

describe('check-out rules', () => {
  it('needs a check-in first', () => {
    const res = visitCheckoutSchema.safeParse(base({ checkInAt: null }))
    expect(res.success).toBe(false)
    expect(res.error?.issues[0]?.message).toBe('mustCheckIn')
  })
  it('a follow-up needs both a title and a due date', () => {
    expect(visitCheckoutSchema.safeParse(base({ followUpTitle: '回访' })).success).toBe(false)
    expect(visitCheckoutSchema.safeParse(base({ followUpDue: '2026-03-05' })).success).toBe(false)
    expect(
      visitCheckoutSchema.safeParse(base({ followUpTitle: '回访', followUpDue: '2026-03-05' })).success,
    ).toBe(true)
  })
  it('refuses a zero quantity', () => {
    const lines = [{ productId: 'p1', name: 'x', quantity: 0, unitPrice: 1 }]
    expect(visitCheckoutSchema.safeParse(base({ lines })).success).toBe(false)
  })

  const on = checkoutSchema({
    today: '2026-03-02',
    listPrice: (id) => (id === 'p1' ? 10 : undefined),
    maxQuantity: 500,
  })
  const problems = (form: VisitForm) =>
    (on.safeParse(form).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`)

  it('puts each problem on its own field: quantity, price band, past due date, no outcome', () => {
    const line = { productId: 'p1', name: '矿泉水', quantity: 2, unitPrice: 10 }
    expect(problems(base({ lines: [line] }))).toEqual([])
    expect(problems(base({ lines: [{ ...line, quantity: -5 }] }))).toEqual([
      'lines.0.quantity: quantityPositive',
    ])
    // The policy's limit (500 here), not a fixed one.
    expect(problems(base({ lines: [{ ...line, quantity: 501 }] }))).toEqual(['lines.0.quantity: quantityMax'])
    expect(problems(base({ lines: [{ ...line, quantity: 500 }] }))).toEqual([])
    const lines = [{ ...line, quantity: DEFAULT_MAX_ORDER_QUANTITY + 1 }]
    expect(visitCheckoutSchema.safeParse(base({ lines })).error?.issues[0]?.message).toBe('quantityMax')
    // 1.5 × ¥999,999,999 is refused outright; a price far from the list price needs a confirmation.
    expect(problems(base({ lines: [{ ...line, unitPrice: 999_999_999 }] }))[0]).toBe(
      'lines.0.unitPrice: priceMax',
    )
    expect(problems(base({ lines: [{ ...line, unitPrice: 25 }] }))).toEqual([
      'lines.0.unitPrice: priceOutOfBand',
    ])
    expect(problems(base({ lines: [{ ...line, unitPrice: 4 }] }))).toEqual([
      'lines.0.unitPrice: priceOutOfBand',
    ])
    expect(problems(base({ lines: [{ ...line, unitPrice: 25, priceConfirmed: true }] }))).toEqual([])
    expect(problems(base({ followUpTitle: '回访', followUpDue: '2020-01-01' }))).toEqual([
      'followUpDue: dueInPast',
    ])
    expect(problems(base({ followUpTitle: '回访', followUpDue: '2026-03-02' }))).toEqual([])
    expect(problems(base({ outcome: '' }))).toEqual(['outcome: chooseOutcome'])
    expect(problems(base({ notes: 'x'.repeat(5001) }))).toEqual(['notes: tooLong'])
  })

  it('a confirmed price is stored without the confirmation flag', () => {
    const lines = [{ productId: 'p1', name: '矿泉水', quantity: 1, unitPrice: 25, priceConfirmed: true }]
    expect(visitRecords(base({ lines }), ctx).visit.orderLines[0]).toEqual({
      productId: 'p1',
      name: '矿泉水',
      quantity: 1,
      unitPrice: 25,
    })
  })
})

describe('restoreVisitForm', () => {
  it('gives back what was typed and keeps the record ids, but the outcome is chosen again', () => {
    const draft = base({ notes: '半途', satisfaction: 4 })
    expect(restoreVisitForm(JSON.parse(JSON.stringify(draft)))).toEqual({ ...draft, outcome: '' })
  })
  it('keeps the readable fields of a damaged draft', () => {
    const restored = restoreVisitForm({ notes: '还在', satisfaction: 9, purpose: 'nonsense' })
    expect(restored.notes).toBe('还在')
    expect(restored.satisfaction).toBeNull()
    expect(restored.purpose).toBe('routine')
    expect(restoreVisitForm(null).notes).toBe('')
  })
})

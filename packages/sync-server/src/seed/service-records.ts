import type { Rng } from '@outrider/domain'
import {
  type Complaint,
  type ComplaintStep,
  careReasons,
  careTaskId,
  complaintDueAt,
  type Feedback,
  holidaysBetween,
  type Order,
  type Survey,
  type SurveyAnswers,
  type Task,
  type Visit,
} from '@outrider/domain'
import type { Window } from './archetypes.ts'
import { clocksFor, isoAt, isoDateOf, localDay } from './clock.ts'
import type { CustomerPlan } from './customers.ts'
import { surveySuggestions } from './texts.ts'

const HOUR_MS = 3_600_000
const complaintFields = [
  'customerId',
  'visitId',
  'category',
  'severity',
  'description',
  'openedAt',
  'dueAt',
  'assigneeId',
  'steps',
  'satisfaction',
]
const taskFields = ['customerId', 'assigneeId', 'kind', 'title', 'due', 'status', 'doneAt', 'sourceVisitId']

/**
 * The complaint records of the demo: one per complaint filed as feedback, handled step by step to the
 * status the feedback says (open, in progress, resolved; older resolved ones closed), with the rep as
 * the handler, the due date of the customer's tier (the default policy's response time), and the customer's satisfaction with most resolutions.
 */
export function complaintRecords(
  rng: Rng,
  feedback: readonly Feedback[],
  asOfMs: number,
  tierOf: (customerId: string) => 'A' | 'B' | 'C',
): Complaint[] {
  const out: Complaint[] = []
  for (const f of feedback) {
    const c = f.complaint
    if (c === null) continue
    const by = f.ownerRepId ?? f.authorId ?? 'u-admin-1'
    const openMs = Date.parse(f.at)
    const step = (
      n: number,
      action: ComplaintStep['action'],
      to: ComplaintStep['to'],
      ms: number,
      note: string,
    ) => ({
      id: `${f.id}-s${n}`,
      action,
      to,
      by,
      at: isoAt(ms),
      note,
    })
    const steps: ComplaintStep[] = [step(1, 'open', 'open', openMs, f.comment)]
    const resolvedMs = c.resolvedAt === null ? null : Date.parse(c.resolvedAt)
    if (c.status !== 'open') {
      const startMs = Math.min(openMs + rng.int(1, 20) * HOUR_MS, resolvedMs ?? asOfMs - HOUR_MS)
      steps.push(step(2, 'start', 'in_progress', startMs, '已联系客户，正在处理'))
    }
    let lastMs = steps.at(-1)?.at === undefined ? openMs : Date.parse(steps.at(-1)!.at)
    if (resolvedMs !== null) {
      steps.push(step(3, 'resolve', 'resolved', resolvedMs, c.resolution ?? '已处理'))
      lastMs = resolvedMs
      const closeMs = resolvedMs + rng.int(1, 5) * 24 * HOUR_MS
      if (closeMs < asOfMs - 24 * HOUR_MS && rng.chance(0.7)) {
        steps.push(step(4, 'close', 'closed', closeMs, '客户确认，关闭'))
        lastMs = closeMs
      }
    }
    out.push({
      id: `cmp-${f.id}`,
      createdAt: f.at,
      updatedAt: isoAt(lastMs),
      clocks: { ...clocksFor(complaintFields, openMs), ...clocksFor(['steps', 'satisfaction'], lastMs) },
      customerId: f.customerId,
      ownerRepId: f.ownerRepId ?? null,
      visitId: f.visitId,
      category: c.category,
      severity: rng.weighted([
        ['low', 3],
        ['medium', 5],
        ['high', 2],
      ] as const),
      description: f.comment,
      openedAt: f.at,
      dueAt: complaintDueAt(undefined, tierOf(f.customerId), f.at),
      assigneeId: by,
      steps,
      satisfaction: resolvedMs !== null && rng.chance(0.75) ? rng.int(2, 5) : null,
    })
  }
  return out
}

/** "Would you recommend us" asked at about a third of visits, in line with how the visit went. */
export function askNps(rng: Rng, visits: Visit[]): void {
  for (const v of visits) {
    if (v.satisfaction === null || !rng.chance(0.35)) continue
    const base = v.complaint ? 3 : v.satisfaction * 2
    v.nps = Math.min(10, Math.max(0, base + rng.int(-2, 1)))
  }
}

/**
 * Holiday greetings of the last half year for loyal and regular customers (the care plan's tasks, as the
 * reps' phones made them): most done by the holiday, some late, a few forgotten.
 */
export function pastCareTasks(rng: Rng, plans: readonly CustomerPlan[], w: Window, asOfMs: number): Task[] {
  const today = localDay(asOfMs)
  const holidays = holidaysBetween(
    undefined,
    isoDateOf(Math.max(w.startDay, today - 180)),
    isoDateOf(today - 1),
  )
  const out: Task[] = []
  for (const plan of plans) {
    const { customer } = plan
    if (customer.ownerRepId === null || !['loyal', 'regular'].includes(plan.buying.archetype)) continue
    const tier = plan.buying.archetype === 'loyal' ? 'A' : 'B'
    for (const h of holidays) {
      const dueMs = Date.parse(`${h.date}T10:00:00+08:00`)
      const status = rng.weighted([
        ['on_time', 80],
        ['late', 12],
        ['open', 8],
      ] as const)
      const doneMs =
        status === 'on_time'
          ? dueMs - rng.int(0, 30) * HOUR_MS
          : status === 'late'
            ? dueMs + rng.int(2, 6) * 24 * HOUR_MS
            : null
      const reason = careReasons.holiday(h.name, h.date, tier)
      const createdMs = dueMs - 7 * 24 * HOUR_MS
      out.push({
        id: careTaskId(customer.id, 'holiday', h.date),
        createdAt: isoAt(createdMs),
        updatedAt: isoAt(doneMs ?? createdMs),
        clocks: {
          ...clocksFor([...taskFields, 'careRule', 'reason', 'channel'], createdMs),
          ...(doneMs === null ? {} : clocksFor(['status', 'doneAt'], doneMs)),
        },
        customerId: customer.id,
        assigneeId: customer.ownerRepId,
        kind: 'care',
        title: reason.zh,
        due: h.date,
        status: doneMs === null ? 'open' : 'done',
        doneAt: doneMs === null ? null : isoAt(Math.min(doneMs, asOfMs - HOUR_MS)),
        sourceVisitId: null,
        careRule: 'holiday',
        reason,
        channel: 'wechat',
      })
    }
  }
  return out
}

/**
 * The tier's survey answered at about half of the visits of the last 60 days to customers of a tier that
 * has one, in line with how the visit went: a rating near the visit's mark, a choice, sometimes a
 * suggestion (every answer is optional, some are skipped).
 */
export function answerSurveys(
  rng: Rng,
  visits: Visit[],
  surveyOf: (customerId: string) => Survey | undefined,
  asOfMs: number,
): void {
  const since = asOfMs - 60 * 24 * HOUR_MS
  for (const v of visits) {
    if (Date.parse(v.checkInAt) < since || v.satisfaction === null) continue
    const survey = surveyOf(v.customerId)
    if (survey === undefined || !rng.chance(0.5)) continue
    const answers: SurveyAnswers = {}
    for (const q of survey.questions) {
      if (q.kind === 'rating') {
        if (rng.chance(0.9)) answers[q.id] = Math.min(5, Math.max(1, v.satisfaction + rng.int(-1, 1)))
      } else if (q.kind === 'choice') {
        if (rng.chance(0.8)) answers[q.id] = rng.weighted(q.options.map((_, i) => [i, q.options.length - i]))
      } else if (rng.chance(0.3)) answers[q.id] = rng.pick(surveySuggestions)
    }
    v.survey = { questions: survey.questions, answers }
  }
}

/**
 * Callbacks after the orders of the last 40 days for loyal (A, 3 days) and regular (B, 7 days) buyers,
 * as the care plan made them, due before today: most done by their day, some late, a few forgotten; about
 * half of the orders got none (a visit came first).
 */
export function pastCallbackTasks(
  rng: Rng,
  plans: readonly CustomerPlan[],
  orders: readonly Order[],
  asOfMs: number,
): Task[] {
  const today = localDay(asOfMs)
  const tierOf = new Map<string, { tier: 'A' | 'B'; days: number }>()
  for (const p of plans) {
    if (p.customer.ownerRepId === null) continue
    if (p.buying.archetype === 'loyal') tierOf.set(p.customer.id, { tier: 'A', days: 3 })
    else if (p.buying.archetype === 'regular') tierOf.set(p.customer.id, { tier: 'B', days: 7 })
  }
  const ownerOf = new Map(plans.map((p) => [p.customer.id, p.customer.ownerRepId]))
  const out = new Map<string, Task>()
  for (const o of orders) {
    const rule = tierOf.get(o.customerId)
    const repId = ownerOf.get(o.customerId)
    const orderDay = localDay(Date.parse(o.orderedAt))
    const dueDay = orderDay + (rule?.days ?? 0)
    if (rule === undefined || !repId || orderDay < today - 40 || dueDay >= today || !rng.chance(0.5)) continue
    const due = isoDateOf(dueDay)
    const id = careTaskId(o.customerId, 'callback', due)
    if (out.has(id)) continue
    const dueMs = Date.parse(`${due}T10:00:00+08:00`)
    const status = rng.weighted([
      ['on_time', 78],
      ['late', 12],
      ['open', 10],
    ] as const)
    const doneMs =
      status === 'on_time'
        ? dueMs - rng.int(0, 20) * HOUR_MS
        : status === 'late'
          ? dueMs + rng.int(1, 4) * 24 * HOUR_MS
          : null
    const createdMs = Date.parse(o.orderedAt)
    const reason = careReasons.callback(rule.days, 'order', isoDateOf(orderDay), rule.tier)
    out.set(id, {
      id,
      createdAt: isoAt(createdMs),
      updatedAt: isoAt(doneMs ?? createdMs),
      clocks: {
        ...clocksFor([...taskFields, 'careRule', 'reason', 'channel'], createdMs),
        ...(doneMs === null ? {} : clocksFor(['status', 'doneAt'], Math.min(doneMs, asOfMs - HOUR_MS))),
      },
      customerId: o.customerId,
      assigneeId: repId,
      kind: 'care',
      title: reason.zh,
      due,
      status: doneMs === null ? 'open' : 'done',
      doneAt: doneMs === null ? null : isoAt(Math.min(doneMs, asOfMs - HOUR_MS)),
      sourceVisitId: null,
      careRule: 'callback',
      reason,
      channel: 'visit',
    })
  }
  return [...out.values()]
}

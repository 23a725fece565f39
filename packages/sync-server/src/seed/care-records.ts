import type { Contact, Feedback, Order, Rng, Task } from '@outrider/domain'
import type { VisitFacts } from './activity.ts'
import type { Window } from './archetypes.ts'
import { clocksFor, instant, isoAt, isoDateOf, localDay } from './clock.ts'
import type { CustomerPlan } from './customers.ts'
import { complaintTexts, followUpTitles, resolutions, surveyComments } from './texts.ts'

type TaskDraft = Omit<Task, 'id' | 'clocks'> & { ms: number; doneMs: number | null }
type Category = NonNullable<Feedback['complaint']>['category']

const taskFields = ['customerId', 'assigneeId', 'kind', 'title', 'due', 'status', 'doneAt', 'sourceVisitId']
const DAY_MS = 86_400_000
/** Code-point order, so sorting never depends on the machine's locale. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Complaints and surveys (feedback) and the tasks that follow visits, complaints, first orders and birthdays.
 * Fills in each visit's complaint text and follow-up, so the visit and its task agree.
 */
export function generateCare(
  rng: Rng,
  visits: readonly VisitFacts[],
  orders: readonly Order[],
  plans: readonly CustomerPlan[],
  contacts: readonly Contact[],
  w: Window,
  asOfMs: number,
): { feedback: Feedback[]; tasks: Task[] } {
  const feedbackDrafts: Omit<Feedback, 'id' | 'revisionOf'>[] = []
  const drafts: TaskDraft[] = []
  const lastMs = asOfMs - 3_600_000
  const task = (ms: number, d: Omit<TaskDraft, 'ms' | 'createdAt' | 'updatedAt'>): void => {
    drafts.push({ ...d, ms, createdAt: isoAt(ms), updatedAt: isoAt(d.doneMs ?? ms) })
  }

  for (const { visit, day, complaint } of visits) {
    const repId = visit.ownerRepId ?? 'u-admin-1'
    const outMs = Date.parse(visit.checkOutAt ?? visit.checkInAt)
    if (complaint) {
      const category: Category = rng.weighted([
        ['product', 3],
        ['delivery', 3],
        ['service', 2],
        ['price', 2],
        ['other', 1],
      ] as const)
      const text = rng.pick(complaintTexts[category])
      visit.complaint = text
      const age = w.endDay - day
      const status =
        age <= 14
          ? rng.chance(0.55)
            ? 'open'
            : 'in_progress'
          : rng.weighted([
              ['resolved', 85],
              ['in_progress', 5],
              ['open', 10],
            ] as const)
      // Resolved within office hours, one to ten days later.
      const resolvedMs =
        status === 'resolved'
          ? Math.min(lastMs, instant(day + rng.int(1, 10), rng.int(9 * 60, 19 * 60)))
          : null
      feedbackDrafts.push({
        createdAt: visit.checkOutAt ?? visit.checkInAt,
        updatedAt: visit.checkOutAt ?? visit.checkInAt,
        revision: 1,
        authorId: repId,
        customerId: visit.customerId,
        ownerRepId: repId,
        visitId: visit.id,
        at: visit.checkOutAt ?? visit.checkInAt,
        score: visit.satisfaction,
        recommend: rng.int(0, 4),
        comment: text,
        complaint: {
          category,
          status,
          resolution: resolvedMs === null ? null : resolutions[category],
          resolvedAt: resolvedMs === null ? null : isoAt(resolvedMs),
        },
      })
      task(outMs, {
        customerId: visit.customerId,
        assigneeId: repId,
        kind: 'complaint',
        title: `处理投诉：${text}`,
        due: isoDateOf(day + 3),
        status: resolvedMs === null ? 'open' : 'done',
        doneAt: resolvedMs === null ? null : isoAt(resolvedMs),
        doneMs: resolvedMs,
        sourceVisitId: visit.id,
      })
    } else if (visit.satisfaction !== null && rng.chance(0.06)) {
      const score = visit.satisfaction
      const recommend = Math.min(10, Math.max(0, score * 2 + rng.int(-2, 1)))
      feedbackDrafts.push({
        createdAt: visit.checkOutAt ?? visit.checkInAt,
        updatedAt: visit.checkOutAt ?? visit.checkInAt,
        revision: 1,
        authorId: repId,
        customerId: visit.customerId,
        ownerRepId: repId,
        visitId: visit.id,
        at: visit.checkOutAt ?? visit.checkInAt,
        score,
        recommend,
        comment: rng.pick(surveyComments[score] ?? ['']),
        complaint: null,
      })
    }
    if (visit.outcome === 'follow_up') {
      const title = complaint ? '回访确认投诉处理结果' : rng.pick(followUpTitles)
      const dueDay = day + rng.int(2, 10)
      visit.followUp = { title, due: isoDateOf(dueDay) }
      // Older follow-ups are mostly done; a few were forgotten and are now overdue.
      const settled = dueDay <= w.endDay - 7
      const status = settled
        ? rng.weighted([
            ['done', 88],
            ['open', 8],
            ['cancelled', 4],
          ] as const)
        : 'open'
      const doneMs =
        status === 'done'
          ? Math.min(lastMs, instant(Math.max(day + 1, dueDay - rng.int(0, 2)), rng.int(9 * 60, 19 * 60)))
          : null
      task(outMs, {
        customerId: visit.customerId,
        assigneeId: repId,
        kind: 'follow_up',
        title,
        due: isoDateOf(dueDay),
        status,
        doneAt: doneMs === null ? null : isoAt(doneMs),
        doneMs,
        sourceVisitId: visit.id,
      })
    }
  }

  // New customers get a call a few days after their first order.
  const firstOrder = new Map<string, Order>()
  for (const o of orders) if (!firstOrder.has(o.customerId)) firstOrder.set(o.customerId, o)
  for (const plan of plans) {
    if (plan.buying.archetype !== 'new') continue
    const first = firstOrder.get(plan.customer.id)
    if (!first) continue
    const ms = Date.parse(first.orderedAt)
    const dueDay = localDay(ms) + 3
    const done = dueDay <= w.endDay - 2 && rng.chance(0.8)
    const doneMs = done ? Math.min(lastMs, instant(dueDay, rng.int(9 * 60, 18 * 60))) : null
    const repId = plan.customer.ownerRepId ?? 'u-admin-1'
    task(ms, {
      customerId: plan.customer.id,
      assigneeId: repId,
      kind: 'callback',
      title: '新客户首单回访',
      due: isoDateOf(dueDay),
      status: done ? 'done' : 'open',
      doneAt: doneMs === null ? null : isoAt(doneMs),
      doneMs,
      sourceVisitId: first.visitId,
    })
  }

  // Birthday greetings for contacts whose birthday falls in the next two weeks.
  const ownerOf = new Map(plans.map((p) => [p.customer.id, p.customer.ownerRepId ?? 'u-admin-1']))
  const today = localDay(asOfMs)
  for (const contact of contacts) {
    if (!contact.birthday) continue
    const monthDay = contact.birthday.slice(5)
    for (let k = 0; k <= 14; k++) {
      if (isoDateOf(today + k).slice(5) !== monthDay) continue
      const ms = asOfMs - 2 * DAY_MS
      task(ms, {
        customerId: contact.customerId,
        assigneeId: ownerOf.get(contact.customerId) ?? 'u-admin-1',
        kind: 'care',
        title: `${contact.name}生日问候`,
        due: isoDateOf(today + k),
        status: 'open',
        doneAt: null,
        doneMs: null,
        sourceVisitId: null,
      })
      break
    }
  }

  drafts.sort((a, b) => a.ms - b.ms || cmp(a.title, b.title) || cmp(a.customerId ?? '', b.customerId ?? ''))
  const tasks: Task[] = drafts.map(({ ms, doneMs, ...d }, n) => {
    const clocks = clocksFor(taskFields, ms)
    const changedMs = doneMs ?? (d.status === 'cancelled' ? ms + DAY_MS : null)
    if (changedMs !== null) Object.assign(clocks, clocksFor(['status', 'doneAt'], changedMs))
    return { id: `t-${String(n + 1).padStart(6, '0')}`, ...d, updatedAt: isoAt(changedMs ?? ms), clocks }
  })
  feedbackDrafts.sort((a, b) => cmp(a.at, b.at) || cmp(a.customerId, b.customerId))
  const feedback: Feedback[] = feedbackDrafts.map((d, n) => {
    const id = `fb-${String(n + 1).padStart(6, '0')}`
    return { id, revisionOf: id, ...d }
  })
  return { feedback, tasks }
}

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

type FeedbackDraft = Omit<Feedback, 'id' | 'revisionOf'>
/** What the steps below add to: feedback, and tasks created at `ms`. */
type Drafts = {
  feedback: FeedbackDraft[]
  tasks: TaskDraft[]
  task(ms: number, d: Omit<TaskDraft, 'ms' | 'createdAt' | 'updatedAt'>): void
}

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
  const tasks: TaskDraft[] = []
  const out: Drafts = {
    feedback: [],
    tasks,
    task: (ms, d) => tasks.push({ ...d, ms, createdAt: isoAt(ms), updatedAt: isoAt(d.doneMs ?? ms) }),
  }
  const lastMs = asOfMs - 3_600_000
  for (const facts of visits) {
    if (facts.complaint) complaintOf(rng, facts, w, lastMs, out)
    else if (facts.visit.satisfaction !== null && rng.chance(0.06))
      surveyOf(rng, facts.visit, facts.visit.satisfaction, out)
    if (facts.visit.outcome === 'follow_up') followUpOf(rng, facts, w, lastMs, out)
  }
  firstOrderCallbacks(rng, orders, plans, w, lastMs, out)
  birthdayGreetings(contacts, plans, asOfMs, out)
  return { feedback: finishFeedback(out.feedback), tasks: finishTasks(out.tasks) }
}

const repOf = (visit: VisitFacts['visit']) => visit.ownerRepId ?? 'u-admin-1'
const outMsOf = (visit: VisitFacts['visit']) => Date.parse(visit.checkOutAt ?? visit.checkInAt)

/** A visit's complaint: its feedback, with a status by age, and the task of handling it. */
function complaintOf(rng: Rng, { visit, day }: VisitFacts, w: Window, lastMs: number, out: Drafts): void {
  const repId = repOf(visit)
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
    status === 'resolved' ? Math.min(lastMs, instant(day + rng.int(1, 10), rng.int(9 * 60, 19 * 60))) : null
  out.feedback.push({
    ...feedbackOf(visit, repId),
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
  out.task(outMsOf(visit), {
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
}

/** What every feedback record of a visit starts with: its times, author and customer. */
function feedbackOf(visit: VisitFacts['visit'], repId: string) {
  const at = visit.checkOutAt ?? visit.checkInAt
  return {
    createdAt: at,
    updatedAt: at,
    revision: 1,
    authorId: repId,
    customerId: visit.customerId,
    ownerRepId: repId,
    visitId: visit.id,
    at,
  }
}

/** A satisfaction survey after a visit without a complaint. */
function surveyOf(rng: Rng, visit: VisitFacts['visit'], score: number, out: Drafts): void {
  const repId = repOf(visit)
  const recommend = Math.min(10, Math.max(0, score * 2 + rng.int(-2, 1)))
  out.feedback.push({
    ...feedbackOf(visit, repId),
    score,
    recommend,
    comment: rng.pick(surveyComments[score] ?? ['']),
    complaint: null,
  })
}

/** A visit's follow-up and its task: older ones are mostly done; a few were forgotten and are now overdue. */
function followUpOf(
  rng: Rng,
  { visit, day, complaint }: VisitFacts,
  w: Window,
  lastMs: number,
  out: Drafts,
): void {
  const title = complaint ? '回访确认投诉处理结果' : rng.pick(followUpTitles)
  const dueDay = day + rng.int(2, 10)
  visit.followUp = { title, due: isoDateOf(dueDay) }
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
  out.task(outMsOf(visit), {
    customerId: visit.customerId,
    assigneeId: repOf(visit),
    kind: 'follow_up',
    title,
    due: isoDateOf(dueDay),
    status,
    doneAt: doneMs === null ? null : isoAt(doneMs),
    doneMs,
    sourceVisitId: visit.id,
  })
}

/** New customers get a call a few days after their first order. */
function firstOrderCallbacks(
  rng: Rng,
  orders: readonly Order[],
  plans: readonly CustomerPlan[],
  w: Window,
  lastMs: number,
  out: Drafts,
): void {
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
    out.task(ms, {
      customerId: plan.customer.id,
      assigneeId: plan.customer.ownerRepId ?? 'u-admin-1',
      kind: 'callback',
      title: '新客户首单回访',
      due: isoDateOf(dueDay),
      status: done ? 'done' : 'open',
      doneAt: doneMs === null ? null : isoAt(doneMs),
      doneMs,
      sourceVisitId: first.visitId,
    })
  }
}

/** Birthday greetings for contacts whose birthday falls in the next two weeks. */
function birthdayGreetings(
  contacts: readonly Contact[],
  plans: readonly CustomerPlan[],
  asOfMs: number,
  out: Drafts,
): void {
  const ownerOf = new Map(plans.map((p) => [p.customer.id, p.customer.ownerRepId ?? 'u-admin-1']))
  const today = localDay(asOfMs)
  for (const contact of contacts) {
    if (!contact.birthday) continue
    const monthDay = contact.birthday.slice(5)
    for (let k = 0; k <= 14; k++) {
      if (isoDateOf(today + k).slice(5) !== monthDay) continue
      out.task(asOfMs - 2 * DAY_MS, {
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
}

/** Tasks in time order with their ids and field clocks (status and doneAt changed when done or cancelled). */
function finishTasks(drafts: TaskDraft[]): Task[] {
  drafts.sort((a, b) => a.ms - b.ms || cmp(a.title, b.title) || cmp(a.customerId ?? '', b.customerId ?? ''))
  return drafts.map(({ ms, doneMs, ...d }, n) => {
    const clocks = clocksFor(taskFields, ms)
    const changedMs = doneMs ?? (d.status === 'cancelled' ? ms + DAY_MS : null)
    if (changedMs !== null) Object.assign(clocks, clocksFor(['status', 'doneAt'], changedMs))
    return { id: `t-${String(n + 1).padStart(6, '0')}`, ...d, updatedAt: isoAt(changedMs ?? ms), clocks }
  })
}

/** Feedback in time order with its ids. */
function finishFeedback(drafts: FeedbackDraft[]): Feedback[] {
  drafts.sort((a, b) => cmp(a.at, b.at) || cmp(a.customerId, b.customerId))
  return drafts.map((d, n) => {
    const id = `fb-${String(n + 1).padStart(6, '0')}`
    return { id, revisionOf: id, ...d }
  })
}

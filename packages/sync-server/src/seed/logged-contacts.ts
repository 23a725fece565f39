import {
  type Complaint,
  type Contact,
  type ContactChannel,
  type CustomerFact,
  cadenceDaysFromPolicy,
  classifyCustomers,
  type Feedback,
  type Order,
  type Rng,
  type ServicePolicy,
  type TagRule,
  type Task,
  type Tier,
  type Visit,
} from '@outrider/domain'
import { clocksFor, instant, isoAt, isoDateOf, localDay, weekday } from './clock.ts'
import type { CustomerPlan } from './customers.ts'
import { contactNextSteps, contactNotes } from './texts.ts'

/**
 * Days of history with logged contacts: the longest dashboard period (90 days) and the touches just
 * before it that its first due days count from. Older history has visits only, as before the team
 * logged its calls.
 */
const HISTORY_DAYS = 95
/** Days at the end of the history without contacts yet (the phones' plans start with those due then). */
const OPEN_DAYS = 2
const taskFields = ['customerId', 'assigneeId', 'kind', 'title', 'due', 'status', 'doneAt', 'sourceVisitId']
type LogChannel = Exclude<ContactChannel, 'visit'>
type Outcome = Visit['outcome']

export type LoggedContactInput = {
  plans: readonly CustomerPlan[]
  contacts: readonly Contact[]
  visits: readonly Visit[]
  orders: readonly Order[]
  feedback: readonly Feedback[]
  complaints: readonly Complaint[]
  policy: ServicePolicy
  tagRules: readonly TagRule[]
  /** Ids of the reps, in order: each gets a diligence of their own. */
  repIds: readonly string[]
  /** The first and last day of the history (local day numbers). */
  startDay: number
  endDay: number
  asOfMs: number
}

/**
 * Calls, WeChat messages, SMS and e-mails between visits, logged as the phone logs them (a visit record
 * with a channel and no check-in), so each customer is touched about as often as the policy's cadence
 * for their tier and segment asks (as the app classifies them at the end of the history). A contact
 * comes only where no visit did by the due day; each rep keeps to the cadence with a diligence of their
 * own, so visit coverage differs by rep. Contacts use the customer's (else the tier's) channel, a
 * visit-tier customer is messaged on WeChat when a contact has an id, else called. A contact with a
 * next step makes a follow-up task, as the phone does.
 */
export function loggedContacts(rng: Rng, input: LoggedContactInput): { visits: Visit[]; tasks: Task[] } {
  const classes = classesAtEnd(input)
  const withWechat = new Set(input.contacts.filter((c) => c.wechat).map((c) => c.customerId))
  const visitDays = new Map<string, number[]>()
  for (const v of input.visits) {
    const list = visitDays.get(v.customerId) ?? []
    list.push(localDay(Date.parse(v.checkInAt)))
    visitDays.set(v.customerId, list)
  }
  // The share of contacts made by the due day where no visit came: three in five to nine in ten, by rep.
  const diligence = new Map(input.repIds.map((id) => [id, 0.6 + rng.next() * 0.3]))
  const startDay = Math.max(input.startDay, input.endDay - HISTORY_DAYS + 1)
  // The last two days' calls are still to make: customers due then are due on the phones' first day.
  const window = { startDay, endDay: input.endDay - OPEN_DAYS }
  const drafts: Draft[] = []
  for (const plan of input.plans) {
    const { customer } = plan
    const repId = customer.ownerRepId
    const cadence = classes.cadenceOf(customer.id)
    const tier = classes.tierOf(customer.id)
    if (!repId || cadence === null || tier === undefined) continue
    const preferred = customer.preferredChannel ?? input.policy.tiers[tier].channel
    const channelOf = (): LogChannel => {
      if (preferred !== 'visit' && rng.chance(0.8)) return preferred
      return rng.weighted<LogChannel>([
        ['wechat', withWechat.has(customer.id) ? 6 : 0],
        ['phone', 4],
        ['sms', 0.6],
        ['other', 0.3],
      ])
    }
    const days = (visitDays.get(customer.id) ?? []).sort((a, b) => a - b)
    const onTime = diligence.get(repId) ?? 0.8
    for (const day of contactDays(rng, days, cadence, onTime, window))
      drafts.push({ plan, repId, day, channel: channelOf() })
  }
  return contactRecords(rng, drafts, input.endDay, input.asOfMs)
}

type Draft = { plan: CustomerPlan; repId: string; day: number; channel: LogChannel }

/** Tier and visit cadence of each customer as the app classifies them on the history's last day. */
function classesAtEnd(input: LoggedContactInput) {
  const classes = classifyCustomers(
    {
      customers: input.plans.map((p) => p.customer) as readonly CustomerFact[],
      orders: input.orders,
      visits: input.visits,
      feedback: input.feedback,
      complaints: input.complaints,
      tagRules: input.tagRules,
    },
    input.policy,
    isoDateOf(input.endDay + 1),
    { thresholds: null },
  )
  if (!classes.ok) throw new Error(`demo contacts: classification failed: ${classes.error.message}`)
  const profileOf = new Map(classes.value.profiles.map((p) => [p.customerId, p]))
  const tierOf = (id: string): Tier | undefined => profileOf.get(id)?.tier
  const cadenceOf = cadenceDaysFromPolicy(
    input.policy,
    tierOf,
    (id) => profileOf.get(id)?.segment ?? undefined,
  )
  return { tierOf, cadenceOf }
}

/**
 * The days one customer is contacted in the window: each time the cadence comes due without a visit
 * (sorted `visitDays`), a contact by the due day with chance `onTime`, else a late one or none.
 */
function contactDays(
  rng: Rng,
  visitDays: readonly number[],
  cadence: number,
  onTime: number,
  window: { startDay: number; endDay: number },
): number[] {
  const out: number[] = []
  let k = 0
  while (k < visitDays.length && (visitDays[k] as number) < window.startDay) k++
  let last = k > 0 ? (visitDays[k - 1] as number) : window.startDay - rng.int(1, cadence)
  for (;;) {
    const due = last + cadence
    if (due > window.endDay) break
    let visited = -1
    while (k < visitDays.length && (visitDays[k] as number) <= due) visited = visitDays[k++] as number
    if (visited > last) {
      last = visited
      continue
    }
    if (rng.chance(onTime)) {
      // A day or so ahead of the due day, never before the last touch; Sundays slip to Saturday.
      let day = Math.max(last + 1, due - rng.int(0, Math.max(1, Math.floor(cadence / 3))))
      if (weekday(day) === 0 && day - 1 > last) day--
      out.push(day)
      last = day
    } else if (rng.chance(0.5)) {
      // Late: the contact came, but after the due day.
      const day = Math.min(window.endDay, due + rng.int(1, Math.max(1, Math.ceil(cadence / 2))))
      out.push(day)
      last = day
    } else last = due
  }
  return out
}

/** The contacts as visit records in time order (ids `lc-…`), and the follow-up task of each next step. */
function contactRecords(
  rng: Rng,
  drafts: readonly Draft[],
  endDay: number,
  asOfMs: number,
): { visits: Visit[]; tasks: Task[] } {
  const placed = drafts.map((d) => ({
    ...d,
    ms: instant(d.day, rng.int(9 * 60, 19 * 60 + 30)) + rng.int(0, 59) * 1000,
  }))
  placed.sort((a, b) => a.ms - b.ms || (a.plan.customer.id < b.plan.customer.id ? -1 : 1))
  const visits: Visit[] = []
  const tasks: Task[] = []
  const lastMs = asOfMs - 3_600_000
  for (const [n, d] of placed.entries()) {
    const id = `lc-${String(n + 1).padStart(6, '0')}`
    const outcome = rng.weighted<Outcome>([
      ['no_need', 4],
      ['interested', 2],
      ['follow_up', 2],
      ['not_met', d.channel === 'phone' ? 1.5 : 0.8],
    ])
    const at = isoAt(Math.min(d.ms, lastMs))
    const dueDay = d.day + rng.int(1, 7)
    const next =
      outcome === 'follow_up' ? { title: rng.pick(contactNextSteps), due: isoDateOf(dueDay) } : null
    visits.push({
      id,
      createdAt: at,
      updatedAt: at,
      revisionOf: id,
      revision: 1,
      authorId: d.repId,
      customerId: d.plan.customer.id,
      ownerRepId: d.repId,
      checkInAt: at,
      checkOutAt: at,
      checkInGps: null,
      purpose: 'care',
      notes: rng.pick(contactNotes[d.channel][outcome] ?? contactNotes[d.channel].no_need ?? ['']),
      outcome,
      orderLines: [],
      satisfaction: null,
      complaint: null,
      followUp: next,
      photoIds: [],
      channel: d.channel,
    })
    if (next !== null)
      tasks.push(
        nextStepTask(
          rng,
          { id, at, repId: d.repId, customerId: d.plan.customer.id },
          next,
          dueDay,
          endDay,
          lastMs,
        ),
      )
  }
  return { visits, tasks }
}

/** The follow-up task of a contact's next step: mostly done when due a week before the end, else open. */
function nextStepTask(
  rng: Rng,
  contact: { id: string; at: string; repId: string; customerId: string },
  next: { title: string; due: string },
  dueDay: number,
  endDay: number,
  lastMs: number,
): Task {
  const done = dueDay <= endDay - 7 ? rng.chance(0.9) : false
  const createdMs = Date.parse(contact.at)
  const doneMs = done
    ? Math.min(
        lastMs,
        Math.max(createdMs + 3_600_000, instant(dueDay - rng.int(0, 1), rng.int(9 * 60, 19 * 60))),
      )
    : null
  const clocks = clocksFor(taskFields, createdMs)
  if (doneMs !== null) Object.assign(clocks, clocksFor(['status', 'doneAt'], doneMs))
  return {
    id: `t-${contact.id}`,
    createdAt: contact.at,
    updatedAt: isoAt(doneMs ?? createdMs),
    clocks,
    customerId: contact.customerId,
    assigneeId: contact.repId,
    kind: 'follow_up',
    title: next.title,
    due: next.due,
    status: done ? 'done' : 'open',
    doneAt: doneMs === null ? null : isoAt(doneMs),
    sourceVisitId: contact.id,
  }
}

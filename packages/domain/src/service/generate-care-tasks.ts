import { dayNumber, isoDateOfDay } from '../analytics/day-number.ts'
import { latestRevisions } from '../analytics/latest-revisions.ts'
import type { Complaint } from '../model/complaint.ts'
import type { CareAction, ContactChannel, ServicePolicy, TierService } from '../model/service-policy.ts'
import type { CareRule, Task } from '../model/task.ts'
import type { Bilingual } from './bilingual.ts'
import { careReasons } from './care-reasons.ts'
import { careTaskId, GENERATED_STAMP } from './care-task-id.ts'
import { holidaysBetween } from './chinese-holidays.ts'
import { complaintState, resolvedAt } from './complaint-flow.ts'

export interface CareCustomer {
  id: string
  ownerRepId: string | null
  name: string
  tier: 'A' | 'B' | 'C'
  segment?: string | null
  lifecycleStage?: string | null
  birthday?: string | undefined
  preferredChannel?: ContactChannel | undefined
}

export interface CareInput {
  policy: ServicePolicy
  customers: readonly CareCustomer[]
  contacts: readonly {
    customerId: string
    name: string
    birthday?: string | undefined
    preferredChannel?: ContactChannel | undefined
    deleted?: boolean | undefined
  }[]
  /** Visits and logged contacts (visits with a channel). */
  visits: readonly {
    customerId: string
    checkInAt: string
    revisionOf: string
    revision: number
    cancelled?: boolean | undefined
  }[]
  orders: readonly {
    customerId: string
    orderedAt: string
    status: string
    revisionOf: string
    revision: number
  }[]
  complaints?: readonly Pick<Complaint, 'customerId' | 'category' | 'steps' | 'satisfaction' | 'deleted'>[]
  /** ISO date the generator runs on. */
  today: string
  /** Tasks due up to this many days ahead are made now. Default 7. */
  horizonDays?: number
  /** Tasks due more than this many days ago are no longer made (stale). Default 14. */
  lookbackDays?: number
}

/** Customers slipping away, for whom the win-back rule makes a contact task. */
const WIN_BACK_STAGES = new Set(['at_risk', 'churned'])

/**
 * The care tasks the policy asks for, due in [today − lookback, today + horizon]: birthday and holiday
 * greetings, a callback after the latest visit or order, a win-back contact for customers at risk or
 * churned, the monthly contacts and a follow-up of resolved complaints. Each task names its rule and
 * reason, uses the preferred channel and has a deterministic id (customer, rule, due day), so running
 * this again, or on another device, makes the same tasks; the caller stores only ids it does not hold.
 */
export function generateCareTasks(input: CareInput): Task[] {
  const today = dayNumber(input.today)
  if (Number.isNaN(today)) throw new RangeError(`today must be an ISO date (got ${input.today})`)
  const from = today - (input.lookbackDays ?? 14)
  const to = today + (input.horizonDays ?? 7)
  const facts = careFacts(input, from, to)
  const out = new Map<string, Task>()
  for (const customer of input.customers) {
    if (customer.ownerRepId === null) continue
    const service = input.policy.tiers[customer.tier]
    const channel = customer.preferredChannel ?? service.channel
    const c: CustomerCare = {
      customer,
      service,
      actions: careActionsOf(input.policy, service, customer.segment),
      channel,
      add: (rule, dueDay, reason, ch = channel) => {
        if (dueDay < from || dueDay > to) return
        const task = careTask(customer, rule, isoDateOfDay(dueDay), reason, ch)
        out.set(task.id, task)
      },
    }
    greetings(c, facts, from, to)
    callback(c, facts)
    contactsAndFollowUps(c, facts, today)
  }
  return [...out.values()].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : 1))
}

/** What the rules read, by customer: contacts, last contact and order day, contact days, complaints, holidays. */
function careFacts(input: CareInput, from: number, to: number) {
  const visits = latestRevisions(input.visits).filter((v) => v.cancelled !== true)
  return {
    contactsOf: groupBy(
      input.contacts.filter((c) => c.deleted !== true),
      (c) => c.customerId,
    ),
    lastContact: latestDay(visits, (v) => v.checkInAt),
    lastOrder: latestDay(
      latestRevisions(input.orders).filter((o) => o.status !== 'cancelled'),
      (o) => o.orderedAt,
    ),
    contactDays: groupBy(visits, (v) => v.customerId),
    complaintsOf: groupBy(
      (input.complaints ?? []).filter((c) => c.deleted !== true),
      (c) => c.customerId,
    ),
    holidays: holidaysBetween(input.policy.holidays, isoDateOfDay(from), isoDateOfDay(to)),
  }
}
type CareFacts = ReturnType<typeof careFacts>

/** One customer's service and actions, and `add`, which keeps a task when it is due in the window. */
type CustomerCare = {
  customer: CareCustomer
  service: TierService
  actions: Set<CareAction>
  channel: ContactChannel
  add: (rule: CareRule, dueDay: number, reason: Bilingual, ch?: ContactChannel) => void
}

/** Birthday greetings (the customer's and each contact's, on their own channel) and holiday greetings. */
function greetings(
  { customer, actions, channel, add }: CustomerCare,
  facts: CareFacts,
  from: number,
  to: number,
) {
  const tier = customer.tier
  if (actions.has('birthday_greeting')) {
    const people = [
      ...(customer.birthday === undefined
        ? []
        : [{ name: customer.name, birthday: customer.birthday, ch: channel }]),
      ...(facts.contactsOf.get(customer.id) ?? []).flatMap((c) =>
        c.birthday === undefined
          ? []
          : [{ name: c.name, birthday: c.birthday, ch: c.preferredChannel ?? channel }],
      ),
    ]
    for (const p of people) {
      const day = birthdayIn(p.birthday, from, to)
      if (day !== null) add('birthday', day, careReasons.birthday(p.name, isoDateOfDay(day), tier), p.ch)
    }
  }
  if (actions.has('holiday_greeting')) {
    for (const h of facts.holidays)
      add('holiday', dayNumber(h.date), careReasons.holiday(h.name, h.date, tier))
  }
}

/** A callback some days after the latest visit or order, unless a visit already followed it. */
function callback({ customer, service, actions, add }: CustomerCare, facts: CareFacts) {
  if (!actions.has('callback_after_order') || service.callbackAfterDays === null) return
  const visit = facts.lastContact.get(customer.id)
  const order = facts.lastOrder.get(customer.id)
  // Only the latest visit or order asks for a callback; an earlier one is answered by what followed.
  const source = order !== undefined && (visit === undefined || order > visit) ? 'order' : 'visit'
  const day = source === 'order' ? order : visit
  const contactedSince = visit !== undefined && day !== undefined && visit > day
  if (day !== undefined && !contactedSince) {
    const days = service.callbackAfterDays
    add('callback', day + days, careReasons.callback(days, source, isoDateOfDay(day), customer.tier))
  }
}

/** Win-back contacts, the month's contacts still owed, and follow-ups of resolved complaints. */
function contactsAndFollowUps(
  { customer, service, actions, add }: CustomerCare,
  facts: CareFacts,
  today: number,
) {
  const tier = customer.tier
  if (actions.has('win_back_offer') && WIN_BACK_STAGES.has(customer.lifecycleStage ?? '')) {
    add(
      'win_back',
      spreadInMonth(customer.id, today),
      careReasons.winBack(customer.lifecycleStage ?? '', tier),
    )
  }
  if (service.contactsPerMonth > 0) {
    const slot = nextMonthlySlot(facts.contactDays.get(customer.id) ?? [], service.contactsPerMonth, today)
    if (slot !== null)
      add('monthly_contact', slot.day, careReasons.monthly(slot.index + 1, service.contactsPerMonth, tier))
  }
  if (actions.has('complaint_follow_up')) {
    for (const c of facts.complaintsOf.get(customer.id) ?? []) {
      const at = resolvedAt(c)
      if (at === null || complaintState(c) !== 'resolved' || c.satisfaction !== null) continue
      add('complaint_follow_up', dayNumber(at) + 1, careReasons.complaintFollowUp(c.category, tier))
    }
  }
}

function careActionsOf(policy: ServicePolicy, service: TierService, segment: string | null | undefined) {
  const actions = new Set<CareAction>(service.careActions)
  const override = segment == null ? undefined : policy.segmentOverrides[segment]
  for (const a of override?.careActions ?? []) actions.add(a)
  return actions
}

function careTask(
  customer: CareCustomer,
  rule: CareRule,
  due: string,
  reason: Bilingual,
  channel: ContactChannel,
): Task {
  const fields = {
    customerId: customer.id,
    assigneeId: customer.ownerRepId ?? '',
    kind: 'care' as const,
    title: reason.zh.slice(0, 200),
    due,
    status: 'open' as const,
    doneAt: null,
    sourceVisitId: null,
    careRule: rule,
    reason: { zh: reason.zh.slice(0, 200), en: reason.en.slice(0, 200) },
    channel,
  }
  const at = `${due}T00:00:00.000Z`
  return {
    id: careTaskId(customer.id, rule, due),
    createdAt: at,
    updatedAt: at,
    clocks: Object.fromEntries(Object.keys(fields).map((k) => [k, GENERATED_STAMP])),
    ...fields,
  }
}

/** The day in [from, to] of a birthday's anniversary (29 February on the 28th in other years), or null. */
function birthdayIn(birthday: string, from: number, to: number): number | null {
  const md = birthday.slice(5, 10)
  const fromYear = Number(isoDateOfDay(from).slice(0, 4))
  for (let y = fromYear; y <= fromYear + 1; y++) {
    let day = dayNumber(`${y}-${md}`)
    if (Number.isNaN(day) && md === '02-29') day = dayNumber(`${y}-02-28`)
    if (day >= from && day <= to) return day
  }
  return null
}

/** A day of the current month picked from the customer id, so win-back calls spread over the month. */
function spreadInMonth(customerId: string, today: number): number {
  const iso = isoDateOfDay(today)
  const first = dayNumber(`${iso.slice(0, 8)}01`)
  const next = dayNumber(`${isoDateOfDay(first + 31).slice(0, 8)}01`)
  let h = 0
  for (let i = 0; i < customerId.length; i++) h = (h * 31 + customerId.charCodeAt(i)) >>> 0
  return first + (h % (next - first))
}

/**
 * Monthly contacts are spread evenly: slot k of n falls on day ⌊k·len/n⌋ of the month. The next slot is
 * the first not yet covered by a contact this month (up to today), or null when the month's count is met.
 */
function nextMonthlySlot(contacts: readonly { checkInAt: string }[], perMonth: number, today: number) {
  const iso = isoDateOfDay(today)
  const first = dayNumber(`${iso.slice(0, 8)}01`)
  const length = dayNumber(`${isoDateOfDay(first + 31).slice(0, 8)}01`) - first
  let done = 0
  for (const c of contacts) {
    const d = dayNumber(c.checkInAt)
    if (d >= first && d <= today) done++
  }
  if (done >= perMonth) return null
  return { index: done, day: first + Math.floor((done * length) / perMonth) }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = out.get(k)
    if (list === undefined) out.set(k, [item])
    else list.push(item)
  }
  return out
}

function latestDay<T extends { customerId: string }>(
  items: readonly T[],
  date: (t: T) => string,
): Map<string, number> {
  const out = new Map<string, number>()
  for (const item of items) {
    const d = dayNumber(date(item))
    if (Number.isNaN(d)) continue
    if (d > (out.get(item.customerId) ?? Number.NEGATIVE_INFINITY)) out.set(item.customerId, d)
  }
  return out
}

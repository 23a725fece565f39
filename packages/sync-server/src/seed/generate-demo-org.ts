import {
  type Complaint,
  type Contact,
  type Customer,
  deriveRng,
  type Feedback,
  type Order,
  type Product,
  type ServicePolicy,
  searchKeysFor,
  type TagRule,
  type Task,
  type Team,
  type User,
  type Visit,
} from '@outrider/domain'
import { generateActivity } from './activity.ts'
import type { Archetype, Window } from './archetypes.ts'
import { productId } from './baskets.ts'
import { generateCare } from './care-records.ts'
import { catalogue } from './catalogue.ts'
import { instant, isoAt, localDay } from './clock.ts'
import { generateCustomers } from './customers.ts'
import { loggedContacts } from './logged-contacts.ts'
import { type DemoLogin, generateOrg } from './org.ts'
import { defaultTagRules, demoServicePolicy } from './policies.ts'
import {
  answerSurveys,
  askNps,
  complaintRecords,
  pastCallbackTasks,
  pastCareTasks,
} from './service-records.ts'
import { demoTargets } from './targets.ts'

export type DemoOrgOptions = {
  /** Number of customers, spread evenly over the 8 reps (default 2,000). */
  customers?: number
  /** Months of history before `asOf` (default 18). */
  months?: number
  /** End of the history; defaults to a fixed date so the output never changes. */
  asOf?: Date
}

export type DemoOrg = {
  teams: Team[]
  users: User[]
  /** Demo sign-ins, one per user, all with `DEMO_PASSWORD`. */
  logins: DemoLogin[]
  customers: Customer[]
  contacts: Contact[]
  products: Product[]
  orders: Order[]
  visits: Visit[]
  feedback: Feedback[]
  tasks: Task[]
  /** Complaint records, handled step by step (from the complaints filed as feedback). */
  complaints: Complaint[]
  policies: ServicePolicy[]
  tagRules: TagRule[]
  /** The story each customer was generated from (for tests and demos; not a domain record). */
  archetypes: Record<string, Archetype>
}

export const DEFAULT_AS_OF = new Date('2026-11-01T00:00:00.000Z')

/**
 * A deterministic, realistic demo organisation: two teams in East and South China, 2,000 shops with
 * 18 months of orders, visits, complaints and tasks. Same seed and options ⇒ byte-identical JSON.
 */
export function generateDemoOrg(seed = 1, options: DemoOrgOptions = {}): DemoOrg {
  const { count, w, asOfMs } = demoWindow(options)
  // Before the oldest customer record (created up to 900 days before the window).
  const setupAt = isoAt(instant(w.startDay - 960, 9 * 60))
  const org = generateOrg(deriveRng(seed, 1), Date.parse(setupAt))
  const products = demoProducts(setupAt)
  const { plans, contacts } = generateCustomers(deriveRng(seed, 2), count, org.reps, w, searchKeysFor)
  const { visits, orders } = generateActivity(
    deriveRng(seed, 3),
    plans,
    org.reps.map((r) => r.user),
    org.supervisorOf,
    products,
    w,
  )
  const { feedback, tasks } = generateCare(deriveRng(seed, 4), visits, orders, plans, contacts, w, asOfMs)
  // Derived generators of their own, so the records above stay as they were.
  askNps(
    deriveRng(seed, 5),
    visits.map((v) => v.visit),
  )
  // The tier a complaint's due date is set by: loyal buyers are tier A, regular ones B (as the care tasks).
  const tierOf = new Map(
    plans.map((p) => [
      p.customer.id,
      ({ loyal: 'A', regular: 'B' } as const)[p.buying.archetype as 'loyal'] ?? 'C',
    ]),
  )
  const complaints = complaintRecords(deriveRng(seed, 6), feedback, asOfMs, (id) => tierOf.get(id) ?? 'C')
  tasks.push(...pastCareTasks(deriveRng(seed, 7), plans, w, asOfMs))
  tasks.push(...pastCallbackTasks(deriveRng(seed, 9), plans, orders, asOfMs))
  const policy = demoServicePolicy(setupAt)
  answerSurveys(
    deriveRng(seed, 8),
    visits.map((v) => v.visit),
    (id) => policy.tiers[tierOf.get(id) ?? 'C'].survey,
    asOfMs,
  )
  const tagRules = defaultTagRules(setupAt)
  // Calls and messages between visits, so each customer is served about as often as the policy asks.
  const logged = loggedContacts(deriveRng(seed, 10), {
    plans,
    contacts,
    visits: visits.map((v) => v.visit),
    orders,
    feedback,
    complaints,
    policy,
    tagRules,
    repIds: org.reps.map((r) => r.user.id),
    startDay: w.startDay,
    endDay: w.endDay,
    asOfMs,
  })
  const allVisits = [...visits.map((v) => v.visit), ...logged.visits]
  tasks.push(...logged.tasks)
  // Targets as the supervisors would have set them from the months before, so "my month" has some.
  policy.targets = demoTargets(
    org.teams,
    org.reps.map((r) => ({ id: r.user.id, teamId: r.teamId })),
    allVisits,
    orders,
    complaints,
    asOfMs,
  )
  const archetypes: Record<string, Archetype> = {}
  for (const p of plans) archetypes[p.customer.id] = p.buying.archetype
  return {
    teams: org.teams,
    users: org.users,
    logins: org.logins,
    customers: plans.map((p) => p.customer),
    contacts,
    products,
    orders,
    visits: allVisits,
    feedback,
    tasks,
    complaints,
    policies: [policy],
    tagRules,
    archetypes,
  }
}

/** The options checked: how many customers, and the window of local days the history covers. */
function demoWindow(options: DemoOrgOptions): { count: number; w: Window; asOfMs: number } {
  const count = options.customers ?? 2_000
  const months = options.months ?? 18
  const asOfMs = (options.asOf ?? DEFAULT_AS_OF).getTime()
  if (!Number.isInteger(count) || count < 0 || count > 100_000)
    throw new RangeError(`customers must be an integer in 0..100000, got ${count}`)
  if (!Number.isFinite(months) || months < 1 || months > 60)
    throw new RangeError(`months must be in 1..60, got ${months}`)
  if (!Number.isFinite(asOfMs)) throw new RangeError('asOf must be a valid date')
  const endDay = localDay(asOfMs) - 1
  return { count, w: { startDay: endDay - Math.round(months * 30.44) + 1, endDay }, asOfMs }
}

/** The catalogue as product records, all created at setup. */
function demoProducts(setupAt: string): Product[] {
  return catalogue.map((p) => ({
    id: productId(p.sku),
    createdAt: setupAt,
    updatedAt: setupAt,
    sku: p.sku,
    name: p.name,
    category: p.category,
    unit: p.unit,
    price: p.price,
    active: true,
  }))
}

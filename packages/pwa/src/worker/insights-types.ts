import type {
  ClusterModel,
  Complaint,
  Contact,
  CrossSellSuggestion,
  Customer,
  Feedback,
  LatLng,
  Order,
  PopulationThresholds,
  ServicePolicy,
  TagRule,
  Task,
  Visit,
  WallClock,
} from '@outrider/domain'

/** A bilingual text. */
export type Bilingual = { en: string; zh: string }

/** One fact behind a label, plain data (survives structured clone). */
export type Fact = { code: string; en: string; zh: string }

/**
 * The organisation's clock (its time zone, not the device's) as the page read it: the worker never reads
 * its own (tests and e2e fix the page's). Today here is the day the server and the supervisor's screens
 * classify as of, and the day care tasks and plans are made for.
 */
export type LocalClock = WallClock

/** Where and when the rep works (from their user record, with defaults filled in). */
export interface WorkDay {
  home: LatLng | null
  workStart: number
  workEnd: number
  /** 30 min lunch starting between 12:00 and 13:00 (so it ends by 13:30). */
  lunch: boolean
}

/** Everything the worker needs, posted from the main thread whenever local data changes. */
export interface InsightsSnapshot {
  clock: LocalClock
  work: WorkDay
  customers: Customer[]
  orders: Order[]
  visits: Visit[]
  feedback: Feedback[]
  tasks: Task[]
  policy: ServicePolicy | null
  tagRules: TagRule[]
  /** For birthday greetings; absent in older callers. */
  contacts?: Contact[]
  /** Complaint records: their real status drives the open-complaint tag, risk and priority. */
  complaints?: Complaint[]
  /** The synced population thresholds the policy names; null (or absent) before any reached the device. */
  thresholds?: PopulationThresholds | null
  /** The team's saved clusters (each buyer goes to the nearest centre); null before one was saved. */
  clusterModel?: ClusterModel | null
}

/** What the customers were classified against: the server's thresholds, or this device's own records. */
export interface ClassifiedAgainst {
  source: 'server' | 'device'
  /** The server's version of them (null when computed here). */
  version: number | null
  /** The day the population was measured. */
  asOf: string
  scope: 'organisation' | 'team' | 'local'
  customers: number
}

export interface CustomerKpis {
  orders: number
  revenue: number
  averageOrderValue: number | null
  lastOrderAt: string | null
  satisfaction: number | null
  openComplaints: number
  openTasks: number
  lastVisitAt: string | null
}

export interface CustomerInsight {
  id: string
  tier: 'A' | 'B' | 'C'
  segment: string | null
  segmentLabel: Bilingual | null
  lifecycle: string
  lifecycleLabel: Bilingual
  tags: { key: string; label: Bilingual }[]
  score: number
  /**
   * The stable id of the team's cluster this customer is in (see the domain's `clusterIds`; what the
   * list's cluster filter names), null without a saved model or without purchases.
   */
  cluster: string | null
  /** That cluster's name as the supervisor gave it ("#n" when unnamed). */
  clusterLabel: Bilingual | null
  /** Visit priority 0..100 (higher = visit sooner). */
  priority: number
  cadenceDays: number
  nextDueDate: string
  /** Positive = overdue by that many days. */
  daysOverdue: number
  serviceMinutes: number
  kpis: CustomerKpis
  explanations: {
    tier: Fact[]
    segment: Fact[]
    lifecycle: Fact[]
    /** One list per tag, in tag order. */
    tags: Fact[][]
    score: Fact[]
    priority: Fact[]
  }
}

export type LeftOutReason = 'closed' | 'no_time' | 'lower_priority' | 'no_location'

export interface PlanStop {
  customerId: string
  arrive: number
  wait: number
  start: number
  depart: number
  travelMinutes: number
  travelKm: number
}

/** A day (or the rest of one) as the planner laid it out. */
export interface TodayPlan {
  date: string
  start: LatLng
  /** Where the start came from: the rep's home, the first customer's city centre, or the current position. */
  startSource: 'home' | 'city' | 'here'
  stops: PlanStop[]
  lunch: { start: number; end: number } | null
  /** Due customers not on the route, and why. */
  leftOut: { customerId: string; reason: LeftOutReason }[]
  endArrive: number
  warnings: string[]
}

export interface Insights {
  asOf: string
  byCustomer: Record<string, CustomerInsight>
  crossSell: Record<string, CrossSellSuggestion[]>
  plan: TodayPlan | null
  /** Care tasks the policy asks for now (deterministic ids; the main thread stores the new ones). */
  careTasks?: Task[]
  /** Null only with `error`. */
  classifiedAgainst: ClassifiedAgainst | null
  /** Set when the data could not be analysed (e.g. a broken policy). */
  error: string | null
}

/** Re-plan the rest of today from here and now. */
export interface ReplanRequest {
  nowMinute: number
  position: LatLng
  done: string[]
  skipped: string[]
  breakTaken: boolean
  /** Customers the rep added to the day: offered to the planner first, due or not. */
  include?: string[]
}

export type WorkerRequest =
  | { type: 'snapshot'; snapshot: InsightsSnapshot }
  | { type: 'replan'; requestId: number; request: ReplanRequest }

export type WorkerResponse =
  | { type: 'insights'; insights: Insights }
  | { type: 'replanned'; requestId: number; plan: TodayPlan | null; error: string | null }

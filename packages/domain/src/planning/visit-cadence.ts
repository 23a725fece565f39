import { calendarDayOf, dayOfInstant } from '../calendar/calendar-day.ts'
import { formatDayNumber } from '../calendar/civil-day.ts'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'
export type CadenceTier = 'A' | 'B' | 'C'
export type CadenceStage = 'prospect' | 'new' | 'active' | 'loyal' | 'at_risk' | 'churned'

/** The fields cadence needs; structural so the domain model's customer can be passed as is. */
export interface CadenceCustomer {
  id: string
  tier: CadenceTier
  lifecycleStage: CadenceStage
  /** ISO timestamp of the last visit; null/undefined = never visited. */
  lastVisitAt?: string | null
  openComplaints: number
  openTasks: number
  /** 0..1 */
  churnRisk: number
  /** 0..100 customer value score. */
  score: number
  segment?: string | null
}

export interface CadencePolicy {
  /** Days between visits per tier, e.g. { A: 7, B: 14, C: 30 }. */
  cadenceDays: Record<CadenceTier, number>
  /** Sooner cadence for some lifecycle stages (the shorter of tier and override wins). */
  stageCadenceDays?: Partial<Record<CadenceStage, number>>
  /** Sooner cadence for named segments (the shorter wins). */
  segmentCadenceDays?: Record<string, number>
  /** Minutes on site per tier. */
  serviceMinutes: Record<CadenceTier, number>
}

export const DEFAULT_CADENCE_POLICY: CadencePolicy = {
  cadenceDays: { A: 7, B: 14, C: 30 },
  stageCadenceDays: { at_risk: 7, new: 10 },
  serviceMinutes: { A: 45, B: 30, C: 20 },
}

/** One machine-readable fact behind a priority, with bilingual text for the UI. */
export interface PriorityFact {
  code: string
  params: Record<string, number | string>
  en: string
  zh: string
}

export interface VisitCadence {
  customerId: string
  cadenceDays: number
  /** Calendar date (YYYY-MM-DD, in the organisation's zone) the next visit is due. */
  nextDueDate: string
  /** Positive = overdue by that many days, negative = due in that many days. */
  daysOverdue: number
  serviceMinutes: number
  /** 0..100, higher = visit sooner. */
  priority: number
  explanation: PriorityFact[]
}

const TIER_VALUE: Record<CadenceTier, number> = { A: 1, B: 0.6, C: 0.3 }
/** Points per factor; they add up to 100. */
const WEIGHTS = { value: 35, overdue: 30, complaints: 15, tasks: 5, churn: 15 }

/** Calendar day of a date, a date-time or an instant in the organisation's zone. */
const dayOf = (value: Date | string, timeZone: string): number =>
  typeof value === 'string' ? calendarDayOf(value, timeZone) : dayOfInstant(value.getTime(), timeZone)
const round1 = (x: number): number => Math.round(x * 10) / 10

/** Next due date, overdue days and a visit priority with its explanation, as of `asOf`. */
export function visitCadence(
  customer: CadenceCustomer,
  policy: CadencePolicy,
  asOf: Date | string,
  timeZone: string = DEFAULT_TIME_ZONE,
): VisitCadence {
  const today = dayOf(asOf, timeZone)
  if (Number.isNaN(today)) throw new Error(`visitCadence: invalid asOf "${String(asOf)}"`)
  const { cadence, facts } = cadenceOf(customer, policy)
  const last = customer.lastVisitAt ? dayOf(customer.lastVisitAt, timeZone) : Number.NaN
  const neverVisited = Number.isNaN(last)
  const dueDay = neverVisited ? today : last + cadence
  const daysOverdue = today - dueDay
  facts.push(dueFact(neverVisited, daysOverdue))
  const priority = priorityOf(customer, cadence, daysOverdue)
  facts.push(...priority.facts)
  return {
    customerId: customer.id,
    cadenceDays: cadence,
    nextDueDate: formatDayNumber(dueDay),
    daysOverdue,
    serviceMinutes: policy.serviceMinutes[customer.tier],
    priority: priority.points,
    explanation: facts,
  }
}

/** The tier's cadence, shortened by the customer's lifecycle stage or segment when theirs is shorter. */
function cadenceOf(
  customer: CadenceCustomer,
  policy: CadencePolicy,
): { cadence: number; facts: PriorityFact[] } {
  const facts: PriorityFact[] = []
  let cadence = policy.cadenceDays[customer.tier]
  facts.push({
    code: 'tier_cadence',
    params: { tier: customer.tier, days: cadence },
    en: `Tier ${customer.tier}: visit every ${cadence} days`,
    zh: `${customer.tier} 级客户：每 ${cadence} 天拜访一次`,
  })
  const stageDays = policy.stageCadenceDays?.[customer.lifecycleStage]
  if (stageDays !== undefined && stageDays < cadence) {
    cadence = stageDays
    facts.push({
      code: 'stage_override',
      params: { stage: customer.lifecycleStage, days: stageDays },
      en: `Stage ${customer.lifecycleStage}: visit every ${stageDays} days`,
      zh: `客户阶段 ${customer.lifecycleStage}：缩短为每 ${stageDays} 天拜访`,
    })
  }
  const segDays = customer.segment ? policy.segmentCadenceDays?.[customer.segment] : undefined
  if (customer.segment && segDays !== undefined && segDays < cadence) {
    cadence = segDays
    facts.push({
      code: 'segment_override',
      params: { segment: customer.segment, days: segDays },
      en: `Segment ${customer.segment}: visit every ${segDays} days`,
      zh: `客群 ${customer.segment}：缩短为每 ${segDays} 天拜访`,
    })
  }
  return { cadence, facts }
}

/** Whether the customer is due: never visited, overdue, or due in some days. */
function dueFact(neverVisited: boolean, daysOverdue: number): PriorityFact {
  if (neverVisited)
    return { code: 'never_visited', params: {}, en: 'Never visited: due now', zh: '从未拜访：现在到期' }
  if (daysOverdue > 0)
    return {
      code: 'overdue',
      params: { days: daysOverdue },
      en: `Overdue by ${daysOverdue} days`,
      zh: `已逾期 ${daysOverdue} 天`,
    }
  return {
    code: 'due_in',
    params: { days: -daysOverdue },
    en: daysOverdue === 0 ? 'Due today' : `Due in ${-daysOverdue} days`,
    zh: daysOverdue === 0 ? '今天到期' : `${-daysOverdue} 天后到期`,
  }
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x))

/** The priority points of each factor (see `WEIGHTS`), with a fact for each that counts. */
function priorityOf(
  customer: CadenceCustomer,
  cadence: number,
  daysOverdue: number,
): { points: number; facts: PriorityFact[] } {
  const value = WEIGHTS.value * (0.5 * TIER_VALUE[customer.tier] + 0.5 * clamp(customer.score / 100, 0, 1))
  // Overdue ratio: 0 a full cadence before due, 1 when due, saturating at one cadence overdue.
  const ratio = clamp((daysOverdue + cadence) / cadence, 0, 2)
  const overdue = (WEIGHTS.overdue * ratio) / 2
  const complaints = (WEIGHTS.complaints * Math.min(customer.openComplaints, 3)) / 3
  const tasks = (WEIGHTS.tasks * Math.min(customer.openTasks, 5)) / 5
  const churn = WEIGHTS.churn * clamp(customer.churnRisk, 0, 1)
  const facts: PriorityFact[] = []
  facts.push({
    code: 'value',
    params: { points: round1(value), score: customer.score },
    en: `Customer value (tier ${customer.tier}, score ${customer.score}): +${round1(value)}`,
    zh: `客户价值（${customer.tier} 级，评分 ${customer.score}）：+${round1(value)}`,
  })
  facts.push({
    code: 'overdue_ratio',
    params: { points: round1(overdue), ratio: round1(ratio) },
    en: `Visit urgency: +${round1(overdue)}`,
    zh: `拜访紧迫度：+${round1(overdue)}`,
  })
  if (customer.openComplaints > 0) {
    facts.push({
      code: 'open_complaints',
      params: { count: customer.openComplaints, points: round1(complaints) },
      en: `${customer.openComplaints} open complaint(s): +${round1(complaints)}`,
      zh: `${customer.openComplaints} 个未处理投诉：+${round1(complaints)}`,
    })
  }
  if (customer.openTasks > 0) {
    facts.push({
      code: 'open_tasks',
      params: { count: customer.openTasks, points: round1(tasks) },
      en: `${customer.openTasks} open task(s): +${round1(tasks)}`,
      zh: `${customer.openTasks} 个待办任务：+${round1(tasks)}`,
    })
  }
  if (customer.churnRisk > 0) {
    const pct = Math.round(clamp(customer.churnRisk, 0, 1) * 100)
    facts.push({
      code: 'churn_risk',
      params: { pct, points: round1(churn) },
      en: `Churn risk ${pct}%: +${round1(churn)}`,
      zh: `流失风险 ${pct}%：+${round1(churn)}`,
    })
  }
  return { points: round1(value + overdue + complaints + tasks + churn), facts }
}

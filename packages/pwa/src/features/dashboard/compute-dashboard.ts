import {
  type ClassificationThresholds,
  type Complaint,
  type Customer,
  cadenceDaysFromPolicy,
  calendarDate,
  computeDueVisits,
  computeKpis,
  DEFAULT_TIME_ZONE,
  type Feedback,
  formatDayNumber,
  latestRevisions,
  type Order,
  parseDayNumber,
  type ServicePolicy,
  type SurveyResults,
  segmentKeys,
  startOfDay,
  surveyResults,
  type TagRule,
  type Task,
  type Tier,
  type Visit,
  visitCoverageByTier,
} from '@outrider/domain'
import { teamClasses } from '../../shared/team-segments.ts'
import { type ServiceReport, serviceReport } from './service-report.ts'
import { distribution, type TransitionTable, transitionTable } from './transition-table.ts'

export interface DashboardInput {
  customers: Customer[]
  visits: Visit[]
  orders: Order[]
  feedback: Feedback[]
  tasks: Task[]
  /** Complaint records; when given, complaint figures come from them. */
  complaints?: Complaint[]
  reps: { id: string; name: string }[]
  /** Team names, for the KPIs by team. */
  teams?: { id: string; name: string }[]
  policy: ServicePolicy
  tagRules: TagRule[]
  /** Synced population thresholds (null before any arrived: then the team's own records set them). */
  thresholds: ClassificationThresholds | null
  /** Inclusive ISO dates. */
  period: { from: string; to: string }
  /** Only customers of this team (admins); empty = all local data. */
  teamId: string
  asOf: string
}

export interface DashboardReport {
  reps: { id: string; name: string }[]
  /** One row per day: `day` and a visit count per rep id. */
  visitsPerDay: Record<string, string | number>[]
  coverage: { tier: Tier; value: number | null; onTime: number; due: number }[]
  tierDistribution: { key: string; start: number; end: number }[]
  segmentDistribution: { key: string; start: number; end: number }[]
  tierTransitions: TransitionTable
  segmentTransitions: TransitionTable
  satisfaction: { week: string; average: number; answers: number }[]
  kpis: {
    complaintRate: number | null
    complaints: number
    medianResolutionHours: number | null
    retentionRate: number | null
    churnRate: number | null
    averageSatisfaction: number | null
  }
  salesPerRep: { id: string; name: string; revenue: number; orders: number; retention: number | null }[]
  /** Every engine KPI by rep, team and tier, and the complaints of the period. */
  service: ServiceReport
  /** The tiers' survey answers of the period, overall and per tier and per rep (null: not computable). */
  surveys: { byTier: SurveyResults; byRep: SurveyResults } | null
}

const tiers: Tier[] = ['A', 'B', 'C']

function dayBefore(iso: string): string {
  return formatDayNumber(parseDayNumber(iso) - 1)
}

/** Monday of the ISO week of a YYYY-MM-DD date (day 0, 1970-01-01, was a Thursday). */
export function weekOf(day: string): string {
  const d = parseDayNumber(day)
  return formatDayNumber(d - ((((d + 3) % 7) + 7) % 7))
}

/** Every figure on the team dashboard, from local records only (runs in a worker). */
export function computeDashboard(input: DashboardInput): DashboardReport {
  const { period, policy } = input
  const customers = input.customers.filter(
    (c) => !c.deleted && c.mergedInto === undefined && (!input.teamId || c.teamId === input.teamId),
  )
  const ids = new Set(customers.map((c) => c.id))
  const mine = <T extends { customerId: string }>(xs: readonly T[]) => xs.filter((x) => ids.has(x.customerId))
  const visits = mine(input.visits)
  const orders = mine(input.orders)
  const feedback = mine(input.feedback)
  const tasks = input.tasks.filter((t) => t.customerId !== null && ids.has(t.customerId))
  const ownerOf = new Map(customers.map((c) => [c.id, c.ownerRepId]))
  const repIds = new Set(customers.map((c) => c.ownerRepId).filter((x): x is string => !!x))
  const reps = input.reps.filter((r) => repIds.has(r.id))

  // Visits per rep per day, by the author (who made the visit), inside the period.
  const perDay = new Map<string, Record<string, string | number>>()
  const timeZone = policy.timeZone ?? DEFAULT_TIME_ZONE
  // A visit or a score counts on its calendar day in the organisation's zone, as everywhere else.
  const orgDay = (iso: string) => calendarDate(iso, timeZone) ?? ''
  for (let d = parseDayNumber(period.from); d <= parseDayNumber(period.to); d++) {
    const day = formatDayNumber(d)
    perDay.set(day, { day, ...Object.fromEntries(reps.map((r) => [r.id, 0])) })
  }
  const latestVisits = latestRevisions(visits)
  for (const v of latestVisits) {
    const row = perDay.get(orgDay(v.checkInAt))
    const rep = v.authorId ?? v.ownerRepId ?? ownerOf.get(v.customerId)
    if (!row || !rep) continue
    row[rep] = Number(row[rep] ?? 0) + 1
  }

  // One yardstick at both ends (the synced thresholds), so a move between tiers is the customer's own.
  const records = {
    customers,
    orders,
    visits,
    feedback,
    tagRules: input.tagRules,
    ...(input.complaints === undefined ? {} : { complaints: input.complaints }),
  }
  const startClasses = teamClasses(records, policy, dayBefore(period.from), input.thresholds)
  const endClasses = teamClasses(records, policy, period.to, input.thresholds)
  // Figures by tier group each customer under its tier now, as the phone and every list show it (a
  // period ending before today would otherwise group by the tier of that day, which no screen names).
  const nowClasses =
    period.to === input.asOf ? endClasses : teamClasses(records, policy, input.asOf, input.thresholds)
  const tierOf = (id: string) => nowClasses.get(id)?.tier
  const due = computeDueVisits({
    customers,
    visits,
    cadenceDaysOf: cadenceDaysFromPolicy(policy, tierOf, (id) => nowClasses.get(id)?.segment),
    period,
    asOf: input.asOf,
  })
  const dueVisits = due.ok ? due.value : []
  const cov = visitCoverageByTier(dueVisits, tierOf)

  const pick = (m: Map<string, { tier: Tier; segment: string }>, k: 'tier' | 'segment') =>
    new Map([...m].map(([id, c]) => [id, c[k]]))
  const segOrder = [...segmentKeys, 'none']
  const startTier = pick(startClasses, 'tier')
  const endTier = pick(endClasses, 'tier')
  const startSeg = pick(startClasses, 'segment')
  const endSeg = pick(endClasses, 'segment')
  const dist = (a: Map<string, string>, b: Map<string, string>, keys: string[]) => {
    const s = distribution(a, keys)
    const e = distribution(b, keys)
    return Object.keys({ ...s, ...e })
      .map((key) => ({ key, start: s[key] ?? 0, end: e[key] ?? 0 }))
      .filter((r) => r.start + r.end > 0 || tiers.includes(r.key as Tier))
  }

  // Satisfaction per week: visit marks and survey scores (both 1–5).
  const weeks = new Map<string, { sum: number; n: number }>()
  const addScore = (iso: string, score: number | null | undefined) => {
    if (score === null || score === undefined) return
    const day = orgDay(iso)
    if (day < period.from || day > period.to) return
    const w = weeks.get(weekOf(day)) ?? { sum: 0, n: 0 }
    w.sum += score
    w.n++
    weeks.set(weekOf(day), w)
  }
  for (const v of latestVisits) addScore(v.checkInAt, v.satisfaction)
  for (const f of latestRevisions(feedback)) addScore(f.at, f.score)
  const satisfaction = [...weeks]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, w]) => ({ week, average: Math.round((w.sum / w.n) * 100) / 100, answers: w.n }))

  const complaints = input.complaints?.filter((c) => ids.has(c.customerId))
  const base = {
    customers,
    orders,
    visits,
    feedback,
    tasks,
    period,
    asOf: input.asOf,
    tierOf,
    dueVisits,
    ...(complaints === undefined ? {} : { complaints }),
  }
  const overall = computeKpis(base)
  const byRep = computeKpis({ ...base, groupBy: 'rep' })
  const k = overall.ok ? overall.value.overall : null
  const nameOf = new Map(input.reps.map((r) => [r.id, r.name]))
  const teamName = new Map((input.teams ?? []).map((t) => [t.id, t.name]))
  const service = serviceReport(
    base,
    complaints,
    { rep: (id) => nameOf.get(id) ?? id, team: (id) => teamName.get(id) ?? id },
    // The last moment of the organisation's day `asOf`.
    new Date(startOfDay(parseDayNumber(input.asOf) + 1, timeZone) - 1).toISOString(),
    orgDay,
  )
  const surveysBy = (groupBy: 'tier' | 'rep') => {
    const r = surveyResults({ customers, visits, period, asOf: input.asOf, tierOf, groupBy })
    return r.ok ? r.value : null
  }
  const surveyByTier = surveysBy('tier')
  const surveyByRep = surveysBy('rep')
  const salesPerRep = byRep.ok
    ? byRep.value.groups
        .filter((g) => repIds.has(g.key))
        .map((g) => ({
          id: g.key,
          name: nameOf.get(g.key) ?? g.key,
          revenue: Math.round((g.kpis.revenue.value ?? 0) * 100) / 100,
          orders: g.kpis.revenue.denominator ?? 0,
          retention: g.kpis.retentionRate.value,
        }))
        .sort((a, b) => b.revenue - a.revenue)
    : []

  return {
    reps,
    visitsPerDay: [...perDay.values()],
    coverage: tiers.map((tier) => ({
      tier,
      value: cov[tier].value,
      onTime: cov[tier].numerator ?? 0,
      due: cov[tier].denominator ?? 0,
    })),
    tierDistribution: dist(startTier, endTier, tiers),
    segmentDistribution: dist(startSeg, endSeg, segOrder),
    tierTransitions: transitionTable(startTier, endTier, tiers),
    segmentTransitions: transitionTable(startSeg, endSeg, segOrder),
    satisfaction,
    kpis: {
      complaintRate: k?.complaintRate.value ?? null,
      complaints: k?.complaintRate.numerator ?? 0,
      medianResolutionHours: k?.medianResolutionHours.value ?? null,
      retentionRate: k?.retentionRate.value ?? null,
      churnRate: k?.churnRate.value ?? null,
      averageSatisfaction: k?.averageSatisfaction.value ?? null,
    },
    salesPerRep,
    service,
    surveys: surveyByTier && surveyByRep ? { byTier: surveyByTier, byRep: surveyByRep } : null,
  }
}

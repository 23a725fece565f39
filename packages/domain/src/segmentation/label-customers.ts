import { formatDayNumber } from '../calendar/civil-day.ts'
import type { Tier } from '../model/customer.ts'
import type { ServicePolicy } from '../model/service-policy.ts'
import type { ActivityFacts } from './activity-facts.ts'
import { type BehaviourTag, behaviourTags, ordersInLastYear, type TagContext } from './behaviour-tags.ts'
import type { UserRule } from './classification-input.ts'
import type { RfmScores } from './compute-rfm.ts'
import { type CustomerProfile, LazyCustomerProfile, type ProfileExplanations } from './customer-profile.ts'
import { customerScore, type ScoreParts, scoreParts } from './customer-score.ts'
import { evaluateRule } from './evaluate-rule.ts'
import { visitEveryDaysFor } from './explain-customer.ts'
import { LIFECYCLE_STAGES, type LifecycleStage, type Lifecycles } from './lifecycle-stage.ts'
import { type CustomerFact, profileFields } from './profile-fields.ts'
import type { ExcludedLineCounts, PurchaseTable } from './purchase-table.ts'
import { segmentLabel } from './rfm-segments.ts'
import { TIERS } from './value-tier.ts'

export interface SegmentationSummary {
  customers: number
  buyers: number
  linesRead: number
  linesUsed: number
  excluded: ExcludedLineCounts
  /** Customers per segment key; `none` for those who never bought. */
  bySegment: Record<string, number>
  byTier: Record<Tier, number>
  byLifecycle: Record<LifecycleStage, number>
  byTag: Record<string, number>
}

type ProfileFacts = Omit<CustomerProfile, 'explanations'>

/** What the labelling reads: the scores and facts of every customer, computed against the thresholds. */
export interface LabelPass {
  table: PurchaseTable
  rfm: RfmScores
  life: Lifecycles
  activity: ActivityFacts
  tierIndex: Uint8Array
  tagContext: TagContext
  /** Filled as customers are labelled: the behaviour tags read each customer's cadence. */
  cadenceDays: Float64Array
  policy: ServicePolicy
  segmentAt: (c: number, stage: LifecycleStage) => string | null
  userRules: readonly UserRule[]
  /** Only when there are user rules: the customer fields they test. */
  customerById: ReadonlyMap<string, CustomerFact> | null
  /** Cluster of each customer index (-1 for none), when clustering was asked for. */
  clusterOf: Int32Array | null
  /** The id of each cluster index (a saved model's stable ids); the index as text without one. */
  clusterIds: readonly string[] | null
  explain: (p: ProfileFacts) => ProfileExplanations
}

/** The labels of one customer that user rules may test besides the table's facts. */
interface Labels {
  segment: string | null
  tier: Tier
  stage: LifecycleStage
  score: number
  parts: ScoreParts
  everyDays: number
  clusterId: string | null
}

/** A day number as YYYY-MM-DD; purchase days fall in a few years at most, so each is formatted once. */
function dayFormatter(asOfDay: number): (d: number) => string {
  const dates: (string | undefined)[] = []
  return (d) => {
    const at = asOfDay - d
    let s = dates[at]
    if (s === undefined) {
      s = formatDayNumber(d)
      if (at < 100_000) dates[at] = s
    }
    return s
  }
}

/** Appends to `tags` the tags of the user rules customer `c` matches (each tag once). */
function addUserTags(p: LabelPass, c: number, l: Labels, tags: string[]): void {
  const { table, rfm, life, activity } = p
  const frequency = table.frequency[c] as number
  const monetary = table.monetary[c] as number
  const buyer = frequency > 0
  const r = rfm.r[c] as number
  const f = rfm.f[c] as number
  const m = rfm.m[c] as number
  const fields = profileFields(
    {
      recencyDays: buyer ? (rfm.recencyDays[c] as number) : null,
      frequency,
      monetary,
      r,
      f,
      m,
      rfm: buyer ? `${r}${f}${m}` : null,
      ordersLastYear: buyer ? ordersInLastYear(table, c) : 0,
      segment: l.segment,
      tier: l.tier,
      lifecycle: l.stage,
      score: l.score,
      ...l.parts,
      tags: tags.slice(),
      averageOrderValue: buyer ? Math.round((monetary / frequency) * 100) / 100 : null,
      firstPurchaseDaysAgo: buyer ? table.asOfDay - (table.firstDay[c] as number) : null,
      medianGapDays: (life.medianGapDays[c] as number) > 0 ? (life.medianGapDays[c] as number) : null,
      recentSpend: table.recentSpend[c] as number,
      priorSpend: table.priorSpend[c] as number,
      visits: activity.visits[c] as number,
      answeredVisits: activity.answeredVisits[c] as number,
      daysSinceVisit: Number.isNaN(activity.lastVisitDay[c])
        ? null
        : table.asOfDay - (activity.lastVisitDay[c] as number),
      openComplaints: activity.openComplaints[c] as number,
      averageRating:
        (activity.ratingCount[c] as number) > 0
          ? (activity.ratingSum[c] as number) / (activity.ratingCount[c] as number)
          : null,
      visitEveryDays: l.everyDays,
      cluster: l.clusterId,
    },
    p.customerById?.get(table.customerIds[c] as string),
  )
  for (const u of p.userRules) if (!tags.includes(u.tag) && evaluateRule(u.rule, fields)) tags.push(u.tag)
}

/** Segment, tier, lifecycle stage, tags, score and cadence of customer `c`. */
function labelCustomer(p: LabelPass, c: number, date: (d: number) => string, scratch: BehaviourTag[]) {
  const { table, rfm, activity } = p
  const frequency = table.frequency[c] as number
  const buyer = frequency > 0
  const stage = LIFECYCLE_STAGES[p.life.stage[c] as number] as LifecycleStage
  const segment = p.segmentAt(c, stage)
  const tier = TIERS[p.tierIndex[c] as number] as Tier
  const everyDays = visitEveryDaysFor(p.policy, tier, segment, stage)
  p.cadenceDays[c] = everyDays
  // Collected in a scratch list, then copied out at their exact size: profiles keep them all pass long.
  scratch.length = 0
  const tags: string[] = behaviourTags(p.tagContext, c, null, scratch).slice()
  const parts = scoreParts({
    buyer,
    monetaryPct: rfm.monetaryPct[c] as number,
    frequencyPct: rfm.frequencyPct[c] as number,
    recencyPct: rfm.recencyPct[c] as number,
    recentSpend: table.recentSpend[c] as number,
    priorSpend: table.priorSpend[c] as number,
    lifecycle: stage,
    openComplaints: activity.openComplaints[c] as number,
  })
  const score = customerScore(parts, p.policy.scoreWeights)
  const cluster = p.clusterOf ? (p.clusterOf[c] as number) : -1
  const clusterId = cluster < 0 ? null : (p.clusterIds?.[cluster] ?? String(cluster))
  if (p.customerById !== null)
    addUserTags(p, c, { segment, tier, stage, score, parts, everyDays, clusterId }, tags)
  const facts: ProfileFacts = {
    customerId: table.customerIds[c] as string,
    rfm: {
      recencyDays: buyer ? (rfm.recencyDays[c] as number) : null,
      frequency,
      monetary: table.monetary[c] as number,
      r: rfm.r[c] as number,
      f: rfm.f[c] as number,
      m: rfm.m[c] as number,
      firstPurchase: buyer ? date(table.firstDay[c] as number) : null,
      lastPurchase: buyer ? date(table.lastDay[c] as number) : null,
    },
    segment,
    segmentLabel: segment === null ? null : segmentLabel(segment),
    tier,
    lifecycle: stage,
    tags,
    score,
    scoreParts: parts,
    visitEveryDays: everyDays,
    cluster: cluster < 0 ? null : cluster,
    clusterId,
  }
  return facts
}

/** Every customer's profile, in table order, and the counts per segment, tier, stage and tag. */
export function labelCustomers(p: LabelPass): { profiles: CustomerProfile[]; summary: SegmentationSummary } {
  const { table } = p
  const n = table.customerIds.length
  const summary: SegmentationSummary = {
    customers: n,
    buyers: p.rfm.buyers,
    linesRead: table.linesRead,
    linesUsed: table.linesUsed,
    excluded: table.excluded,
    bySegment: {},
    byTier: { A: 0, B: 0, C: 0 },
    byLifecycle: { prospect: 0, new: 0, active: 0, loyal: 0, at_risk: 0, churned: 0 },
    byTag: {},
  }
  const date = dayFormatter(table.asOfDay)
  const profiles: CustomerProfile[] = []
  const scratch: BehaviourTag[] = []
  for (let c = 0; c < n; c++) {
    const facts = labelCustomer(p, c, date, scratch)
    const key = facts.segment ?? 'none'
    summary.bySegment[key] = (summary.bySegment[key] ?? 0) + 1
    summary.byTier[facts.tier]++
    summary.byLifecycle[facts.lifecycle]++
    for (const t of facts.tags) summary.byTag[t] = (summary.byTag[t] ?? 0) + 1
    profiles.push(new LazyCustomerProfile(facts, p.explain))
  }
  return { profiles, summary }
}

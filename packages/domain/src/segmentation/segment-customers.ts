import type { Tier } from '../model/customer.ts'
import { type ServicePolicy, servicePolicySchema } from '../model/service-policy.ts'
import type { RuleNode, TagRule } from '../model/tag-rule.ts'
import { activityFacts, type FeedbackFact, type VisitFact } from './activity-facts.ts'
import {
  type BehaviourTagRules,
  behaviourTags,
  defaultBehaviourTagRules,
  medianOrderValue,
} from './behaviour-tags.ts'
import { parseAsOf, scoreRfm } from './compute-rfm.ts'
import { customerScore, explainScore, type ScoreParts, scoreParts } from './customer-score.ts'
import { formatDayNumber } from './day-number.ts'
import { evaluateRule, parseTagRule } from './evaluate-rule.ts'
import { type Explanation, explanation, type Label } from './explanation.ts'
import { kMeans } from './k-means.ts'
import {
  defaultLifecycleRules,
  explainLifecycle,
  LIFECYCLE_STAGES,
  type LifecycleRules,
  type LifecycleStage,
  lifecycleStageLabels,
  lifecycleStages,
} from './lifecycle-stage.ts'
import { type CustomerFact, profileFields } from './profile-fields.ts'
import type { OrderFact } from './purchase-lines-from-orders.ts'
import { buildPurchaseTable, type ExcludedLineCounts, type PurchaseLine } from './purchase-table.ts'
import { buildPurchaseTableFromOrders } from './purchase-table-from-orders.ts'
import { rfmFeatures } from './rfm-features.ts'
import { explainSegment, segmentLabel, segmentOf } from './rfm-segments.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'
import { explainTier, TIERS, valueTiers } from './value-tier.ts'

export interface SegmentationInput {
  /** Known customers, so those who never bought get a profile too; deleted and merged ones are skipped. */
  customers?: readonly CustomerFact[]
  /** Purchases, either as order lines (CSV rows) or as domain orders — one of the two. */
  lines?: readonly PurchaseLine[]
  orders?: readonly OrderFact[]
  visits?: readonly VisitFact[]
  feedback?: readonly FeedbackFact[]
  /** User-defined tags; inactive or invalid rules are skipped (invalid ones reported). */
  tagRules?: readonly Pick<TagRule, 'tag' | 'label' | 'rule' | 'active'>[]
}

export interface SegmentationOptions {
  lifecycle?: Partial<LifecycleRules>
  tags?: Partial<BehaviourTagRules>
  /** Also cluster the buyers with k-means on their RFM features. */
  clusters?: { k: number; seed?: number; restarts?: number }
}

export interface CustomerProfile {
  customerId: string
  rfm: {
    recencyDays: number | null
    frequency: number
    monetary: number
    r: number
    f: number
    m: number
    firstPurchase: string | null
    lastPurchase: string | null
  }
  /** RFM segment key (see `rfmSegmentLabels`), null for customers who never bought. */
  segment: string | null
  segmentLabel: Label | null
  tier: Tier
  lifecycle: LifecycleStage
  tags: string[]
  score: number
  scoreParts: ScoreParts
  /** Visit cadence owed: the tier's, or a sooner segment or lifecycle override. */
  visitEveryDays: number
  /** k-means cluster (buyers only, when clustering was asked for). */
  cluster: number | null
  explanations: {
    segment: Explanation[]
    tier: Explanation[]
    lifecycle: Explanation[]
    tags: Explanation[]
    score: Explanation[]
    visitCadence: Explanation[]
  }
}

export interface SegmentationSummary {
  customers: number
  buyers: number
  linesRead: number
  linesUsed: number
  excluded: ExcludedLineCounts
  bySegment: Record<string, number>
  byTier: Record<Tier, number>
  byLifecycle: Record<LifecycleStage, number>
  byTag: Record<string, number>
}

export interface SegmentationReport {
  asOf: string
  profiles: CustomerProfile[]
  summary: SegmentationSummary
  clusters: { k: number; inertia: number; sizes: number[]; centers: number[][] } | null
  tagRuleErrors: { tag: string; message: string }[]
}

const tierCadence = explanation('visit.tier', (p: { tier: string; everyDays: number }) => [
  `Tier ${p.tier}: visit every ${p.everyDays} days`,
  `${p.tier}类客户：每${p.everyDays}天拜访一次`,
])

const overrideCadence = explanation('visit.override', (p: { key: string; everyDays: number }) => {
  const name = Object.hasOwn(lifecycleStageLabels, p.key)
    ? lifecycleStageLabels[p.key as LifecycleStage]
    : segmentLabel(p.key)
  return [
    `${name.en}: visit sooner, every ${p.everyDays} days`,
    `${name.zh}：提前拜访，每${p.everyDays}天一次`,
  ]
})

const ruleMatched = explanation('tag.rule', (p: { tag: string; en: string; zh: string }) => [
  `Matches the rule "${p.en}"`,
  `符合规则“${p.zh}”`,
])

/** Visit cadence: the tier's, or a sooner override for the customer's segment or lifecycle stage. */
function visitCadence(policy: ServicePolicy, tier: Tier, segment: string | null, stage: LifecycleStage) {
  let days = policy.tiers[tier].visitEveryDays
  const why: Explanation[] = [tierCadence({ tier, everyDays: days })]
  const overrides = policy.segmentOverrides
  for (const key of [segment, stage]) {
    const o = key !== null && Object.hasOwn(overrides, key) ? overrides[key] : undefined
    if (o && o.visitEveryDays < days) {
      days = o.visitEveryDays
      why.push(overrideCadence({ key: key as string, everyDays: days }))
    }
  }
  return { days, why }
}

/**
 * The whole segmentation pass at `asOf` (YYYY-MM-DD): RFM and its segment, value tier, lifecycle stage,
 * behaviour and user tags, score and, optionally, clusters — each label with the facts behind it.
 * Profiles are sorted by customer id (numeric ids numerically).
 */
export function segmentCustomers(
  input: SegmentationInput,
  policy: ServicePolicy,
  asOf: string,
  options: SegmentationOptions = {},
): SegmentationResult<SegmentationReport> {
  const day = parseAsOf(asOf)
  if (!day.ok) return day
  const checked = servicePolicySchema.safeParse(policy)
  if (!checked.success)
    return segmentationError('bad_policy', `service policy: ${checked.error.issues[0]?.message ?? 'invalid'}`)
  const lifecycleRules = { ...defaultLifecycleRules, ...options.lifecycle }
  const tagRules = { ...defaultBehaviourTagRules, ...options.tags }

  const customerById = new Map<string, CustomerFact>()
  for (const c of input.customers ?? [])
    if (!c.deleted && c.mergedInto === undefined) customerById.set(c.id, c)
  const known = [...customerById.keys()]
  for (const v of input.visits ?? []) known.push(v.customerId)
  for (const f of input.feedback ?? []) known.push(f.customerId)
  if (input.lines !== undefined && input.orders !== undefined) {
    return segmentationError('bad_input', 'give purchases either as lines or as orders, not both')
  }
  const table = input.orders
    ? buildPurchaseTableFromOrders(input.orders, day.value, known)
    : buildPurchaseTable(input.lines ?? [], day.value, known)
  const n = table.customerIds.length
  const index = new Map<string, number>()
  for (let c = 0; c < n; c++) index.set(table.customerIds[c] as string, c)

  const rfm = scoreRfm(table)
  const tiers = valueTiers(table.monetary, policy.tierShares)
  const life = lifecycleStages(table, lifecycleRules)
  const activity = activityFacts(
    table,
    index,
    input.visits ?? [],
    input.feedback ?? [],
    tagRules.responseWindowDays,
  )
  const userRules: { tag: string; label: Label; rule: RuleNode }[] = []
  const tagRuleErrors: { tag: string; message: string }[] = []
  for (const r of input.tagRules ?? []) {
    if (!r.active) continue
    const parsed = parseTagRule(r.rule)
    if (parsed.ok) userRules.push({ tag: r.tag, label: r.label, rule: parsed.value })
    else tagRuleErrors.push({ tag: r.tag, message: parsed.error.message })
  }

  let clusters: SegmentationReport['clusters'] = null
  const clusterOf = new Int32Array(n).fill(-1)
  if (options.clusters && rfm.buyers > 0) {
    const buyers: number[] = []
    for (let c = 0; c < n; c++) if ((table.frequency[c] as number) > 0) buyers.push(c)
    const x = rfmFeatures(
      buyers.map((c) => rfm.recencyDays[c] as number),
      buyers.map((c) => table.frequency[c] as number),
      buyers.map((c) => table.monetary[c] as number),
    )
    const run = kMeans(x, 3, {
      k: Math.min(options.clusters.k, buyers.length),
      ...pickRunOptions(options.clusters),
    })
    if (!run.ok) return run
    const sizes = new Array<number>(run.value.k).fill(0)
    buyers.forEach((c, i) => {
      const label = run.value.labels[i] as number
      clusterOf[c] = label
      sizes[label] = (sizes[label] ?? 0) + 1
    })
    const centers: number[][] = []
    for (let k = 0; k < run.value.k; k++)
      centers.push(Array.from(run.value.centers.subarray(k * 3, k * 3 + 3)))
    clusters = { k: run.value.k, inertia: run.value.inertia, sizes, centers }
  }

  const tracksVisits = input.visits !== undefined
  const cadenceDays = new Float64Array(n)
  const ctx = {
    table,
    activity,
    rules: tagRules,
    medianOrderValue: medianOrderValue(table),
    visitEveryDays: (c: number) => (tracksVisits ? (cadenceDays[c] as number) : Number.NaN),
  }
  const summary: SegmentationSummary = {
    customers: n,
    buyers: rfm.buyers,
    linesRead: table.linesRead,
    linesUsed: table.linesUsed,
    excluded: table.excluded,
    bySegment: {},
    byTier: { A: 0, B: 0, C: 0 },
    byLifecycle: Object.fromEntries(LIFECYCLE_STAGES.map((s) => [s, 0])) as Record<LifecycleStage, number>,
    byTag: {},
  }
  const profiles: CustomerProfile[] = new Array(n)
  for (let c = 0; c < n; c++) {
    const id = table.customerIds[c] as string
    const frequency = table.frequency[c] as number
    const buyer = frequency > 0
    const recencyDays = rfm.recencyDays[c] as number
    const r = rfm.r[c] as number
    const f = rfm.f[c] as number
    const segment = segmentOf(r, f, policy.rfmGrid)
    const tier = TIERS[tiers.tier[c] as number] as Tier
    const stage = LIFECYCLE_STAGES[life.stage[c] as number] as LifecycleStage
    const cadence = visitCadence(policy, tier, segment, stage)
    cadenceDays[c] = cadence.days
    const tenureDays = buyer ? table.asOfDay - (table.firstDay[c] as number) : 0
    const medianGap = life.medianGapDays[c] as number
    const behaviour = behaviourTags(ctx, c, f)
    const tags: string[] = behaviour.tags
    const tagWhy = behaviour.why
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
    const score = customerScore(parts, policy.scoreWeights)
    const monetary = table.monetary[c] as number
    if (userRules.length > 0) {
      const ratings = activity.ratingCount[c] as number
      const lastVisit = activity.lastVisitDay[c] as number
      const fields = profileFields(
        {
          recencyDays: buyer ? recencyDays : null,
          frequency,
          monetary,
          r,
          f,
          m: rfm.m[c] as number,
          segment,
          tier,
          lifecycle: stage,
          score,
          ...parts,
          tags: tags.slice(),
          averageOrderValue: buyer ? Math.round((monetary / frequency) * 100) / 100 : null,
          firstPurchaseDaysAgo: buyer ? tenureDays : null,
          medianGapDays: medianGap > 0 ? medianGap : null,
          recentSpend: table.recentSpend[c] as number,
          priorSpend: table.priorSpend[c] as number,
          visits: activity.visits[c] as number,
          answeredVisits: activity.answeredVisits[c] as number,
          daysSinceVisit: Number.isNaN(lastVisit) ? null : table.asOfDay - lastVisit,
          openComplaints: activity.openComplaints[c] as number,
          averageRating: ratings > 0 ? (activity.ratingSum[c] as number) / ratings : null,
          visitEveryDays: cadence.days,
        },
        customerById.get(id),
      )
      for (const u of userRules) {
        if (!evaluateRule(u.rule, fields)) continue
        tags.push(u.tag)
        tagWhy.push(ruleMatched({ tag: u.tag, en: u.label.en, zh: u.label.zh }))
      }
    }
    const key = segment ?? 'none'
    summary.bySegment[key] = (summary.bySegment[key] ?? 0) + 1
    summary.byTier[tier]++
    summary.byLifecycle[stage]++
    for (const t of tags) summary.byTag[t] = (summary.byTag[t] ?? 0) + 1
    const cluster = clusterOf[c] as number
    profiles[c] = {
      customerId: id,
      rfm: {
        recencyDays: buyer ? recencyDays : null,
        frequency,
        monetary,
        r,
        f,
        m: rfm.m[c] as number,
        firstPurchase: buyer ? formatDayNumber(table.firstDay[c] as number) : null,
        lastPurchase: buyer ? formatDayNumber(table.lastDay[c] as number) : null,
      },
      segment,
      segmentLabel: segment === null ? null : segmentLabel(segment),
      tier,
      lifecycle: stage,
      tags,
      score,
      scoreParts: parts,
      visitEveryDays: cadence.days,
      cluster: cluster < 0 ? null : cluster,
      explanations: {
        segment: [explainSegment(segment, recencyDays, frequency, r, f)],
        tier: [explainTier(tiers, c, monetary, policy.tierShares, rfm.buyers)],
        lifecycle: explainLifecycle(stage, lifecycleRules, {
          recencyDays,
          frequency,
          tenureDays,
          medianGapDays: medianGap,
        }),
        tags: tagWhy,
        score: [explainScore(score, parts, policy.scoreWeights)],
        visitCadence: cadence.why,
      },
    }
  }
  return { ok: true, value: { asOf, profiles, summary, clusters, tagRuleErrors } }
}

function pickRunOptions(o: { seed?: number; restarts?: number }): { seed?: number; restarts?: number } {
  const out: { seed?: number; restarts?: number } = {}
  if (o.seed !== undefined) out.seed = o.seed
  if (o.restarts !== undefined) out.restarts = o.restarts
  return out
}

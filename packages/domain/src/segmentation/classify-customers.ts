import { formatDayNumber } from '../calendar/civil-day.ts'
import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'
import type { Tier } from '../model/customer.ts'
import { type ServicePolicy, servicePolicySchema } from '../model/service-policy.ts'
import type { RuleNode, TagRule } from '../model/tag-rule.ts'
import { type ActivityCustomers, activityFacts, type FeedbackFact, type VisitFact } from './activity-facts.ts'
import {
  type BehaviourTag,
  type BehaviourTagRules,
  behaviourTags,
  defaultBehaviourTagRules,
  ordersInLastYear,
  type TagContext,
} from './behaviour-tags.ts'
import { type ClassificationThresholds, computeThresholds } from './classification-thresholds.ts'
import { type ComplaintFact, feedbackWithComplaints } from './complaint-facts.ts'
import { parseAsOf, type RfmScores, scoreRfm, type TieRule } from './compute-rfm.ts'
import { type CustomerProfile, LazyCustomerProfile } from './customer-profile.ts'
import { customerScore, scoreParts } from './customer-score.ts'
import { evaluateRule, parseTagRule } from './evaluate-rule.ts'
import { explainCustomer, type PassContext, visitEveryDaysFor } from './explain-customer.ts'
import type { Label } from './explanation.ts'
import { kMeans } from './k-means.ts'
import {
  defaultLifecycleRules,
  LIFECYCLE_STAGES,
  type LifecycleRules,
  type LifecycleStage,
  lifecycleStages,
} from './lifecycle-stage.ts'
import { type CustomerFact, profileFields } from './profile-fields.ts'
import type { OrderFact } from './purchase-lines-from-orders.ts'
import type { ExcludedLineCounts, PurchaseLine, PurchaseTable } from './purchase-table.ts'
import type { PurchaseTableBuilder } from './purchase-table-builder.ts'
import { buildPurchaseTable } from './purchase-table-from-lines.ts'
import { buildPurchaseTableFromOrders } from './purchase-table-from-orders.ts'
import { rfmFeatures } from './rfm-features.ts'
import { segmentLabel, segmentOf } from './rfm-segments.ts'
import { highLow, rfm8Segment } from './rfm8-segments.ts'
import { type SegmentationResult, segmentationError } from './segmentation-error.ts'
import { applyDeclaredTiers, TIERS, tierIndexOf } from './value-tier.ts'

/** What every classification reads, on the phone, the dashboard, the exports, the server and the CLI. */
export interface SegmentationInput {
  /** Known customers, so those who never bought get a profile too; deleted and merged ones are skipped. */
  customers?: readonly CustomerFact[]
  /** Purchases, either as order lines (CSV rows) or as domain orders — one of the two. */
  lines?: readonly PurchaseLine[]
  orders?: readonly OrderFact[]
  /** Purchases already read into a table at the same as-of day (the CLI's streaming reader). */
  table?: PurchaseTable
  visits?: readonly VisitFact[]
  feedback?: readonly FeedbackFact[]
  /** Complaint records: when given, their state decides which complaints are open (not the feedback's). */
  complaints?: readonly ComplaintFact[]
  /** User-defined tags; inactive or invalid rules are skipped (invalid ones reported). */
  tagRules?: readonly Pick<TagRule, 'tag' | 'label' | 'rule' | 'active'>[]
}

export interface SegmentationOptions {
  /**
   * Population thresholds to classify against (computed on the server, synced as reference data).
   * Without them they are computed over this input's own customers, and the report says `local`.
   */
  thresholds?: ClassificationThresholds | null
  /** `fair` (default): equal values, equal scores. `first`: pandas' qcut(rank(method='first')) scores. */
  ties?: TieRule
  lifecycle?: Partial<LifecycleRules>
  tags?: Partial<BehaviourTagRules>
  /** Also cluster the buyers with k-means on their RFM features. */
  clusters?: { k: number; seed?: number; restarts?: number }
}

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

export interface SegmentationReport {
  asOf: string
  /** The thresholds applied, and whether they were given (synced) or computed here over this input. */
  thresholds: ClassificationThresholds
  thresholdsSource: 'given' | 'local'
  /** The organisation's time zone the calendar days were read in. */
  timeZone: string
  /** Sorted by customer id (numeric ids numerically). */
  profiles: CustomerProfile[]
  summary: SegmentationSummary
  clusters: { k: number; inertia: number; sizes: number[]; centers: number[][] } | null
  tagRuleErrors: { tag: string; message: string }[]
}

/** The entries of a partial object that are set (zod's optional fields may hold `undefined`). */
function defined<T extends object>(o: T | undefined): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  if (o === undefined) return {}
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>
  }>
}

type UserRule = { tag: string; label: Label; rule: RuleNode }

function compileRules(input: SegmentationInput) {
  const rules: UserRule[] = []
  const errors: { tag: string; message: string }[] = []
  for (const r of input.tagRules ?? []) {
    if (!r.active) continue
    const parsed = parseTagRule(r.rule)
    if (parsed.ok) rules.push({ tag: r.tag, label: r.label, rule: parsed.value })
    else errors.push({ tag: r.tag, message: parsed.error.message })
  }
  return { rules, errors }
}

/** k-means over the buyers' RFM features; cluster of each customer index (-1 for non-buyers). */
function clusterBuyers(
  table: PurchaseTable,
  rfm: RfmScores,
  options: NonNullable<SegmentationOptions['clusters']>,
): SegmentationResult<{ of: Int32Array; summary: NonNullable<SegmentationReport['clusters']> }> {
  const n = table.customerIds.length
  const buyers = new Int32Array(rfm.buyers)
  const rec = new Float64Array(rfm.buyers)
  const freq = new Float64Array(rfm.buyers)
  const mon = new Float64Array(rfm.buyers)
  let b = 0
  for (let c = 0; c < n; c++) {
    if ((table.frequency[c] as number) === 0) continue
    buyers[b] = c
    rec[b] = rfm.recencyDays[c] as number
    freq[b] = table.frequency[c] as number
    mon[b] = table.monetary[c] as number
    b++
  }
  const run = kMeans(rfmFeatures(rec, freq, mon), 3, {
    k: Math.min(options.k, rfm.buyers),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.restarts === undefined ? {} : { restarts: options.restarts }),
  })
  if (!run.ok) return run
  const of = new Int32Array(n).fill(-1)
  const sizes = new Array<number>(run.value.k).fill(0)
  for (let i = 0; i < buyers.length; i++) {
    const label = run.value.labels[i] as number
    of[buyers[i] as number] = label
    sizes[label] = (sizes[label] as number) + 1
  }
  const centers: number[][] = []
  for (let k = 0; k < run.value.k; k++) centers.push(Array.from(run.value.centers.subarray(k * 3, k * 3 + 3)))
  return { ok: true, value: { of, summary: { k: run.value.k, inertia: run.value.inertia, sizes, centers } } }
}

/**
 * The one classification entry point, at `asOf` (YYYY-MM-DD): RFM and its segment, value tier, lifecycle
 * stage, behaviour and user tags, score, visit cadence and, optionally, clusters — every label with the
 * facts behind it (built when a profile's `explanations` is first read). Population-dependent parts come
 * from `options.thresholds` when given, so every device holding them labels each customer alike.
 */
export function classifyCustomers(
  input: SegmentationInput,
  policy: ServicePolicy,
  asOf: string,
  options: SegmentationOptions = {},
): SegmentationResult<SegmentationReport> {
  const day = parseAsOf(asOf)
  if (!day.ok) return day
  const checked = servicePolicySchema.safeParse(policy)
  if (!checked.success) {
    return segmentationError('bad_policy', `service policy: ${checked.error.issues[0]?.message ?? 'invalid'}`)
  }
  const sources = [input.lines, input.orders, input.table].filter((x) => x !== undefined).length
  if (sources > 1) {
    return segmentationError('bad_input', 'give purchases as lines, orders or a table, only one of them')
  }
  if (input.table !== undefined && input.table.asOfDay !== day.value) {
    return segmentationError('bad_input', 'the purchase table was built for another as-of day')
  }
  const timeZone = policy.timeZone ?? DEFAULT_TIME_ZONE
  const lifecycleRules = { ...defaultLifecycleRules, ...options.lifecycle }
  const tagRules = { ...defaultBehaviourTagRules, ...defined(policy.tagThresholds), ...options.tags }

  const live = (input.customers ?? []).filter((c) => !c.deleted && c.mergedInto === undefined)
  const liveIds = live.map((c) => c.id)
  // Visited or rated customers count too, even when the customer list leaves them out; the builder
  // notes where each visit's and rating's customer lands, so they are looked up once.
  const visits = input.visits ?? []
  const feedback = feedbackWithComplaints(input.feedback ?? [], input.complaints)
  let customerAt: ActivityCustomers | undefined
  const track = (b: PurchaseTableBuilder) => {
    customerAt = { visits: b.trackCustomersOf(visits), feedback: b.trackCustomersOf(feedback) }
  }
  const table =
    input.table ??
    (input.orders
      ? buildPurchaseTableFromOrders(input.orders, day.value, liveIds, track, timeZone)
      : buildPurchaseTable(input.lines ?? [], day.value, liveIds, track, timeZone))
  const n = table.customerIds.length
  const index = table.indexOf

  const given = options.thresholds ?? null
  const thresholds = given ?? computeThresholds(table, policy, asOf)
  const rfm = scoreRfm(table, thresholds, options.ties)
  const life = lifecycleStages(table, lifecycleRules)
  const activity = activityFacts(
    table,
    index,
    visits,
    feedback,
    tagRules.responseWindowDays,
    customerAt,
    timeZone,
  )
  const user = compileRules(input)
  const customerById = user.rules.length > 0 ? new Map(live.map((c) => [c.id, c])) : null
  const clustering = options.clusters && rfm.buyers > 0 ? clusterBuyers(table, rfm, options.clusters) : null
  if (clustering && !clustering.ok) return clustering

  const cadenceDays = new Float64Array(n)
  const tracksVisits = input.visits !== undefined
  const tagContext: TagContext = {
    table,
    activity,
    rules: tagRules,
    visitEveryDays: (c) => (tracksVisits ? (cadenceDays[c] as number) : Number.NaN),
  }
  const ruleLabels = new Map<string, Label>()
  for (const u of user.rules) if (!ruleLabels.has(u.tag)) ruleLabels.set(u.tag, u.label)
  const model = policy.segmentModel ?? 'rfm8'
  const rule = policy.highLowRule ?? 'mean'
  const mean = thresholds.mean
  const segmentAt = (c: number, stage: LifecycleStage): string | null => {
    const r = rfm.r[c] as number
    if (r === 0) return null
    if (model === 'rf_grid') return segmentOf(r, rfm.f[c] as number, policy.rfmGrid)
    const late = stage === 'at_risk' || stage === 'churned' ? stage : null
    const h = highLow(
      {
        rule,
        recencyDays: rfm.recencyDays[c] as number,
        frequency: table.frequency[c] as number,
        monetary: table.monetary[c] as number,
        r,
        f: rfm.f[c] as number,
        m: rfm.m[c] as number,
        meanRecencyDays: mean.recencyDays,
        meanFrequency: mean.frequency,
        meanMonetary: mean.monetary,
      },
      late,
    )
    return rfm8Segment(h.rHigh, h.fHigh, h.mHigh)
  }
  const tierIndex = new Uint8Array(n)
  for (let c = 0; c < n; c++) tierIndex[c] = tierIndexOf(table.monetary[c] as number, thresholds.tierMoney)
  applyDeclaredTiers(tierIndex, table.monetary, live, index)
  const pass: PassContext = {
    index,
    rfm,
    tierIndex,
    thresholds,
    life,
    tagContext,
    policy,
    lifecycleRules,
    ruleLabels,
  }
  const explain = (p: Omit<CustomerProfile, 'explanations'>) => explainCustomer(pass, p)

  const byLifecycle = { prospect: 0, new: 0, active: 0, loyal: 0, at_risk: 0, churned: 0 }
  const summary: SegmentationSummary = {
    customers: n,
    buyers: rfm.buyers,
    linesRead: table.linesRead,
    linesUsed: table.linesUsed,
    excluded: table.excluded,
    bySegment: {},
    byTier: { A: 0, B: 0, C: 0 },
    byLifecycle,
    byTag: {},
  }
  // Purchase days fall in a few years at most: format each day once, found by its offset from as-of.
  const dates: (string | undefined)[] = []
  const date = (d: number): string => {
    const at = table.asOfDay - d
    let s = dates[at]
    if (s === undefined) {
      s = formatDayNumber(d)
      if (at < 100_000) dates[at] = s
    }
    return s
  }
  const profiles: CustomerProfile[] = []
  const scratchTags: BehaviourTag[] = []
  for (let c = 0; c < n; c++) {
    const id = table.customerIds[c] as string
    const frequency = table.frequency[c] as number
    const buyer = frequency > 0
    const r = rfm.r[c] as number
    const f = rfm.f[c] as number
    const m = rfm.m[c] as number
    const monetary = table.monetary[c] as number
    const stage = LIFECYCLE_STAGES[life.stage[c] as number] as LifecycleStage
    const segment = segmentAt(c, stage)
    const tier = TIERS[tierIndex[c] as number] as Tier
    const everyDays = visitEveryDaysFor(policy, tier, segment, stage)
    cadenceDays[c] = everyDays
    // Collected in a scratch list, then copied out at their exact size: profiles keep them all pass long.
    scratchTags.length = 0
    const tags: string[] = behaviourTags(tagContext, c, null, scratchTags).slice()
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
    if (customerById !== null) {
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
          segment,
          tier,
          lifecycle: stage,
          score,
          ...parts,
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
          visitEveryDays: everyDays,
          cluster:
            clustering && (clustering.value.of[c] as number) >= 0 ? String(clustering.value.of[c]) : null,
        },
        customerById.get(id),
      )
      for (const u of user.rules) if (!tags.includes(u.tag) && evaluateRule(u.rule, fields)) tags.push(u.tag)
    }
    const key = segment ?? 'none'
    summary.bySegment[key] = (summary.bySegment[key] ?? 0) + 1
    summary.byTier[tier]++
    byLifecycle[stage]++
    for (const t of tags) summary.byTag[t] = (summary.byTag[t] ?? 0) + 1
    const cluster = clustering ? (clustering.value.of[c] as number) : -1
    profiles.push(
      new LazyCustomerProfile(
        {
          customerId: id,
          rfm: {
            recencyDays: buyer ? (rfm.recencyDays[c] as number) : null,
            frequency,
            monetary,
            r,
            f,
            m,
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
        },
        explain,
      ),
    )
  }
  const clusters = clustering ? clustering.value.summary : null
  return {
    ok: true,
    value: {
      asOf,
      thresholds,
      thresholdsSource: given === null ? 'local' : 'given',
      timeZone,
      profiles,
      summary,
      clusters,
      tagRuleErrors: user.errors,
    },
  }
}

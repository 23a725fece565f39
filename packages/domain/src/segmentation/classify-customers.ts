import { DEFAULT_TIME_ZONE } from '../calendar/time-zone.ts'
import type { ServicePolicy } from '../model/service-policy.ts'
import { activityFacts } from './activity-facts.ts'
import { segmenter, tierIndices } from './apply-thresholds.ts'
import { type BehaviourTagRules, defaultBehaviourTagRules, type TagContext } from './behaviour-tags.ts'
import {
  checkInput,
  compileRules,
  liveCustomers,
  readPurchases,
  type SegmentationInput,
} from './classification-input.ts'
import { type ClassificationThresholds, computeThresholds } from './classification-thresholds.ts'
import { type ClusterOptions, type ClusterSummary, clusterBuyers } from './cluster-buyers.ts'
import { type ClusterModel, clusterOfRfm, clusterIds as idsOf } from './cluster-model.ts'
import { type RfmScores, scoreRfm, type TieRule } from './compute-rfm.ts'
import type { CustomerProfile } from './customer-profile.ts'
import { explainCustomer, type PassContext } from './explain-customer.ts'
import { labelCustomers, type SegmentationSummary } from './label-customers.ts'
import { defaultLifecycleRules, type LifecycleRules, lifecycleStages } from './lifecycle-stage.ts'
import type { PurchaseTable } from './purchase-table.ts'
import type { SegmentationResult } from './segmentation-error.ts'

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
  clusters?: ClusterOptions
  /**
   * A saved cluster model (the team's, synced): each buyer is put in its nearest centre, which is then
   * the profile's `cluster` (its index) and `clusterId` (its stable id: the `cluster` rule field).
   * Ignored when `clusters` asks for a fresh run.
   */
  clusterModel?: Pick<ClusterModel, 'centres' | 'scaling' | 'ids'> | null
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
  clusters: ClusterSummary | null
  tagRuleErrors: { tag: string; message: string }[]
}

/** The entries of a partial object that are set (zod's optional fields may hold `undefined`). */
function defined<T extends object>(o: T | undefined): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  if (o === undefined) return {}
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>
  }>
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
  const day = checkInput(input, policy, asOf)
  if (!day.ok) return day
  const timeZone = policy.timeZone ?? DEFAULT_TIME_ZONE
  const lifecycleRules = { ...defaultLifecycleRules, ...options.lifecycle }
  const tagRules = { ...defaultBehaviourTagRules, ...defined(policy.tagThresholds), ...options.tags }
  const live = liveCustomers(input)
  const purchases = readPurchases(input, day.value, live, timeZone)
  const { table } = purchases

  // Everything that depends on the population is read against these thresholds.
  const given = options.thresholds ?? null
  const thresholds = given ?? computeThresholds(table, policy, asOf)
  const rfm = scoreRfm(table, thresholds, options.ties)
  const tierIndex = tierIndices(table, thresholds, live)
  const life = lifecycleStages(table, lifecycleRules)
  const { visits, feedback, customerAt } = purchases
  const window = tagRules.responseWindowDays
  const activity = activityFacts(table, table.indexOf, visits, feedback, window, customerAt, timeZone)
  const user = compileRules(input)
  const clusters = clustersOf(table, rfm, options)
  if (!clusters.ok) return clusters
  const { clustering, clusterOf, clusterIds } = clusters.value

  const cadenceDays = new Float64Array(table.customerIds.length)
  const tracksVisits = input.visits !== undefined
  const tagContext: TagContext = {
    table,
    activity,
    rules: tagRules,
    visitEveryDays: (c) => (tracksVisits ? (cadenceDays[c] as number) : Number.NaN),
  }
  const pass: PassContext = {
    index: table.indexOf,
    rfm,
    tierIndex,
    thresholds,
    life,
    tagContext,
    policy,
    lifecycleRules,
    ruleLabels: user.labels,
  }
  const { profiles, summary } = labelCustomers({
    table,
    rfm,
    life,
    activity,
    tierIndex,
    tagContext,
    cadenceDays,
    policy,
    segmentAt: segmenter(policy, table, rfm, thresholds),
    userRules: user.rules,
    customerById: user.rules.length > 0 ? new Map(live.map((c) => [c.id, c])) : null,
    clusterOf,
    clusterIds,
    explain: (p) => explainCustomer(pass, p),
  })
  return {
    ok: true,
    value: {
      asOf,
      thresholds,
      thresholdsSource: given === null ? 'local' : 'given',
      timeZone,
      profiles,
      summary,
      clusters: clustering ? clustering.summary : null,
      tagRuleErrors: user.errors,
    },
  }
}

/**
 * Each customer's cluster: from a fresh k-means run when `options.clusters` asks for one (ids are the
 * indices), else the nearest centre of the saved model (its stable ids), else none.
 */
function clustersOf(
  table: PurchaseTable,
  rfm: RfmScores,
  options: SegmentationOptions,
): SegmentationResult<{
  clustering: { of: Int32Array; summary: ClusterSummary } | null
  clusterOf: Int32Array | null
  clusterIds: string[] | null
}> {
  if (options.clusters && rfm.buyers > 0) {
    const run = clusterBuyers(table, rfm, options.clusters)
    if (!run.ok) return run
    return { ok: true, value: { clustering: run.value, clusterOf: run.value.of, clusterIds: null } }
  }
  const model = options.clusterModel ?? null
  if (!model) return { ok: true, value: { clustering: null, clusterOf: null, clusterIds: null } }
  const n = table.customerIds.length
  const clusterOf = assignToModel(n, rfm.recencyDays, table.frequency, table.monetary, model)
  return { ok: true, value: { clustering: null, clusterOf, clusterIds: idsOf(model) } }
}

/** Each customer's cluster in a saved model (-1 for customers who never bought). */
function assignToModel(
  n: number,
  recencyDays: Int32Array,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
  model: Pick<ClusterModel, 'centres' | 'scaling'>,
): Int32Array {
  const of = new Int32Array(n).fill(-1)
  for (let c = 0; c < n; c++) {
    const r = recencyDays[c] as number
    const cluster = clusterOfRfm(model, {
      recencyDays: r < 0 ? null : r,
      frequency: frequency[c] as number,
      monetary: monetary[c] as number,
    })
    if (cluster !== null) of[c] = cluster
  }
  return of
}

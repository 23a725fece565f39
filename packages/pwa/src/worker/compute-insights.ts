import {
  behaviourTagLabels,
  type CadencePolicy,
  type CrossSellSuggestion,
  type Customer,
  type CustomerFact,
  type CustomerProfile,
  classifyCustomers,
  clusterDisplayName,
  crossSellForCustomers,
  DEFAULT_TIME_ZONE,
  defaultServicePolicy,
  type Explanation,
  lifecycleStageLabels,
  mineAssociationRules,
  type ServicePolicy,
  visitCadence,
} from '@outrider/domain'
import { careTasksOf } from './care-plan.ts'
import { customerKpis, emptyKpis } from './customer-kpis.ts'
import type {
  Bilingual,
  CustomerInsight,
  CustomerKpis,
  Fact,
  Insights,
  InsightsSnapshot,
} from './insights-types.ts'
import { planToday } from './plan-today.ts'

const fact = (e: Explanation | { code: string; en: string; zh: string }): Fact => ({
  code: e.code,
  en: e.en,
  zh: e.zh,
})

/** What segmentation reads of a customer, with absent optional fields left out (not `undefined`). */
function customerFact(c: Customer): CustomerFact {
  return {
    id: c.id,
    status: c.status,
    city: c.city,
    tags: c.tags,
    customFields: c.customFields,
    ...(c.district === undefined ? {} : { district: c.district }),
    ...(c.industry === undefined ? {} : { industry: c.industry }),
  }
}

/** The planner's cadence policy from the workspace's service policy (overrides may name segments or stages). */
export function cadencePolicyOf(p: ServicePolicy): CadencePolicy {
  const overrides = Object.fromEntries(
    Object.entries(p.segmentOverrides).map(([k, v]) => [k, v.visitEveryDays]),
  )
  return {
    cadenceDays: { A: p.tiers.A.visitEveryDays, B: p.tiers.B.visitEveryDays, C: p.tiers.C.visitEveryDays },
    stageCadenceDays: overrides,
    segmentCadenceDays: overrides,
    serviceMinutes: { A: p.tiers.A.serviceMinutes, B: p.tiers.B.serviceMinutes, C: p.tiers.C.serviceMinutes },
  }
}

/**
 * Everything the rep's screens show that takes real computing: segmentation (RFM, tier, lifecycle, tags,
 * score, with explanations), visit cadence and priority, per-customer KPIs, cross-sell suggestions and
 * today's plan. Pure and synchronous: the worker runs it, tests call it directly.
 */
export function computeInsights(s: InsightsSnapshot): Insights {
  const policy = s.policy ?? defaultServicePolicy
  const live = s.customers.filter((c) => !c.deleted && c.mergedInto === undefined)
  const seg = classifyCustomers(
    {
      customers: live.map(customerFact),
      orders: s.orders,
      visits: s.visits,
      feedback: s.feedback,
      ...(s.complaints === undefined ? {} : { complaints: s.complaints }),
      tagRules: s.tagRules,
    },
    policy,
    s.clock.today,
    { thresholds: s.thresholds?.thresholds ?? null, clusterModel: s.clusterModel ?? null },
  )
  if (!seg.ok)
    return {
      asOf: s.clock.today,
      byCustomer: {},
      crossSell: {},
      plan: null,
      classifiedAgainst: null,
      error: seg.error.message,
    }
  const used = seg.value.thresholds
  const context = insightContext(s, policy)
  const known = new Set(live.map((c) => c.id))
  const byCustomer: Record<string, CustomerInsight> = {}
  for (const p of seg.value.profiles) {
    // Segmentation also profiles ids seen only in orders/visits; the screens need known customers.
    if (known.has(p.customerId)) byCustomer[p.customerId] = insightOf(p, context)
  }
  return {
    asOf: s.clock.today,
    byCustomer,
    crossSell: crossSell(s),
    plan: planToday(s, byCustomer),
    careTasks: careTasksOf(s, policy, byCustomer),
    classifiedAgainst: {
      source: seg.value.thresholdsSource === 'given' ? 'server' : 'device',
      version: seg.value.thresholdsSource === 'given' ? (s.thresholds?.version ?? null) : null,
      asOf: used.asOf,
      scope: used.population.scope,
      customers: used.population.customers,
    },
    error: null,
  }
}

/** What every customer's insight reads besides its profile. */
interface InsightContext {
  s: InsightsSnapshot
  policy: ServicePolicy
  kpis: Map<string, CustomerKpis>
  cadence: CadencePolicy
  tagLabel: (key: string) => Bilingual
}

function insightContext(s: InsightsSnapshot, policy: ServicePolicy): InsightContext {
  const ruleLabels = new Map<string, Bilingual>(s.tagRules.map((r) => [r.tag, r.label]))
  const tagLabel = (key: string): Bilingual =>
    Object.hasOwn(behaviourTagLabels, key)
      ? behaviourTagLabels[key as keyof typeof behaviourTagLabels]
      : (ruleLabels.get(key) ?? { en: key, zh: key })
  return { s, policy, kpis: customerKpis(s), cadence: cadencePolicyOf(policy), tagLabel }
}

/** One customer's insight: its labels, the cluster named as the supervisor did, cadence and priority. */
function insightOf(
  p: CustomerProfile,
  { s, policy, kpis, cadence, tagLabel }: InsightContext,
): CustomerInsight {
  const k = kpis.get(p.customerId) ?? emptyKpis()
  const due = visitCadence(
    {
      id: p.customerId,
      tier: p.tier,
      lifecycleStage: p.lifecycle,
      lastVisitAt: k.lastVisitAt,
      openComplaints: k.openComplaints,
      openTasks: k.openTasks,
      churnRisk: p.scoreParts.risk / 100,
      score: p.score,
      segment: p.segment,
    },
    cadence,
    s.clock.today,
    policy.timeZone ?? DEFAULT_TIME_ZONE,
  )
  const why = p.explanations
  return {
    id: p.customerId,
    tier: p.tier,
    segment: p.segment,
    segmentLabel: p.segmentLabel,
    lifecycle: p.lifecycle,
    lifecycleLabel: lifecycleStageLabels[p.lifecycle],
    tags: p.tags.map((key) => ({ key, label: tagLabel(key) })),
    score: p.score,
    cluster: p.clusterId,
    clusterLabel:
      p.cluster === null || !s.clusterModel
        ? null
        : {
            en: clusterDisplayName(s.clusterModel, p.cluster, false),
            zh: clusterDisplayName(s.clusterModel, p.cluster, true),
          },
    priority: due.priority,
    cadenceDays: due.cadenceDays,
    nextDueDate: due.nextDueDate,
    daysOverdue: due.daysOverdue,
    serviceMinutes: due.serviceMinutes,
    kpis: k,
    explanations: {
      tier: why.tier.map(fact),
      segment: why.segment.map(fact),
      lifecycle: why.lifecycle.map(fact),
      tags: why.tags.map((t) => [fact(t)]),
      score: why.score.map(fact),
      priority: due.explanation.map(fact),
    },
  }
}

/** Product pairs bought together in the rep's own orders → what each customer does not buy yet. */
function crossSell(s: InsightsSnapshot): Record<string, CrossSellSuggestion[]> {
  const model = mineAssociationRules(s.orders, { minSupport: 0.02, minConfidence: 0.2 })
  if (!model.ok) return {}
  return Object.fromEntries(crossSellForCustomers(s.orders, model.value, { limit: 3 }))
}

export { type ActivityFacts, activityFacts, type FeedbackFact, type VisitFact } from './activity-facts.ts'
export {
  type BehaviourTag,
  type BehaviourTagRules,
  behaviourTagLabels,
  behaviourTagSchema,
  defaultBehaviourTagRules,
  YEAR_DAYS,
} from './behaviour-tags.ts'
export {
  type CarriedClusters,
  carryClusterIds,
  matchCentres,
  rescaleCentre,
} from './carry-cluster-ids.ts'
export type { SegmentationInput } from './classification-input.ts'
export {
  type ClassificationThresholds,
  classificationThresholdsSchema,
  computeThresholds,
  type PopulationScope,
} from './classification-thresholds.ts'
export { classifyCustomers, type SegmentationOptions, type SegmentationReport } from './classify-customers.ts'
export {
  analyseClusters,
  type ClusterAnalysis,
  type ClusterAnalysisOptions,
  type ClusterCandidate,
  type ClusterDescription,
  type ClusterModelInput,
  clusterModelInput,
} from './cluster-analysis.ts'
export {
  type ClusterModel,
  type ClusterName,
  clusterDisplayName,
  clusterIdSchema,
  clusterIds,
  clusterIndexOfId,
  clusterModelFor,
  clusterModelId,
  clusterModelSchema,
  clusterNameSchema,
  clusterOfRfm,
  MAX_CLUSTERS,
  MIN_CLUSTERS,
  nearestCentre,
  type RfmFacts,
  rfmScalingSchema,
  scaledRfm,
} from './cluster-model.ts'
export { type ComplaintFact, feedbackWithComplaints } from './complaint-facts.ts'
export {
  computeRfm,
  parseAsOf,
  type RfmReport,
  type RfmRow,
  type RfmScores,
  rfmRows,
  scoreRfm,
  type TieRule,
} from './compute-rfm.ts'
export { compareCustomerIds, normalizeCustomerId, sortedCustomerOrder } from './customer-id.ts'
export {
  type CustomerProfile,
  type CustomerRfm,
  LazyCustomerProfile,
  type ProfileExplanations,
} from './customer-profile.ts'
export {
  customerScore,
  explainScore,
  type ScoreParts,
  type ScoreWeights,
  scoreParts,
} from './customer-score.ts'
export { activeServicePolicy, defaultServicePolicy } from './default-service-policy.ts'
export {
  evaluateRule,
  MAX_RULE_DEPTH,
  type ProfileFields,
  type ProfileValue,
  parseTagRule,
} from './evaluate-rule.ts'
export { explainCustomer } from './explain-customer.ts'
export type { Explanation, Label } from './explanation.ts'
export { type KMeansOptions, type KMeansResult, kMeans } from './k-means.ts'
export type { SegmentationSummary } from './label-customers.ts'
export {
  defaultLifecycleRules,
  type LifecycleRules,
  type LifecycleStage,
  lifecycleStageLabels,
  lifecycleStageSchema,
  lifecycleStages,
} from './lifecycle-stage.ts'
export {
  computePopulationThresholds,
  type PopulationThresholds,
  populationThresholdsSchema,
  sameThresholds,
  thresholdsFor,
  thresholdsId,
} from './population-thresholds.ts'
export { type ComputedFields, type CustomerFact, profileFields } from './profile-fields.ts'
export {
  type OrderFact,
  type OrderLinesBuild,
  purchaseLinesFromOrders,
} from './purchase-lines-from-orders.ts'
export {
  type ExcludedLineCounts,
  type PurchaseLine,
  type PurchaseTable,
  roundCents,
} from './purchase-table.ts'
export { PurchaseTableBuilder } from './purchase-table-builder.ts'
export { buildPurchaseTable } from './purchase-table-from-lines.ts'
export { buildPurchaseTableFromOrders } from './purchase-table-from-orders.ts'
export { fitRfmScaling, type RfmScaling, rfmFeatures, scaleRfm } from './rfm-features.ts'
export {
  defaultRfmGrid,
  type RfmSegment,
  rfmSegmentLabels,
  rfmSegmentSchema,
  segmentKeys,
  segmentLabel,
  segmentOf,
} from './rfm-segments.ts'
export {
  explainRfm8,
  type HighLowFacts,
  highLow,
  type Rfm8Segment,
  rfm8Segment,
  rfm8SegmentLabels,
  rfm8SegmentSchema,
} from './rfm8-segments.ts'
export { fairEdges, percentileOf, percentileTable, scoreByEdges } from './score-bins.ts'
export type { SegmentationError, SegmentationResult } from './segmentation-error.ts'
export {
  type ClusterCountCandidate,
  type ClusterCountSuggestion,
  type SuggestClusterCountOptions,
  suggestClusterCount,
} from './suggest-cluster-count.ts'
export { TIERS, type TierShares, tierIndexOf } from './value-tier.ts'

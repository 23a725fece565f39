// Analytics, cross-sell, duplicate customers and search (issue 3). `search-keys.ts` is the only module
// that imports pinyin-pro; `search-customers.ts` works from stored keys without it.
export type { AnalyticsError, AnalyticsResult } from './analytics-error.ts'
export {
  type AssociationModel,
  type AssociationOptions,
  type AssociationRule,
  type BasketOrder,
  mineAssociationRules,
} from './association-rules.ts'
export {
  type CheckInFlag,
  type CheckInInput,
  checkInFlags,
  DEFAULT_CHECK_IN_RADIUS_M,
  openAt,
} from './check-in.ts'
export {
  computeKpis,
  type KpiComplaint,
  type KpiCustomer,
  type KpiFeedback,
  type KpiGroup,
  type KpiGroupBy,
  type KpiInput,
  type KpiReport,
  type KpiTask,
  type KpiVisit,
  UNASSIGNED,
} from './compute-kpis.ts'
export {
  type CrossSellOptions,
  type CrossSellSuggestion,
  crossSellForCustomers,
  suggestCrossSell,
} from './cross-sell.ts'
export { createDuplicateIndex, type DuplicateIndex } from './duplicate-index.ts'
export { DUPLICATE_WEIGHTS, type DuplicateCandidate, type DuplicateReason } from './duplicate-score.ts'
export {
  type DuplicateOptions,
  type DuplicatePair,
  findDuplicateCustomers,
  searchDuplicateCustomers,
} from './find-duplicate-customers.ts'
export { haversineMeters } from './geo-distance.ts'
export type { Kpi } from './kpi.ts'
export { type KpiSet, PREDICTED_CLV_MODEL } from './kpi-accumulator.ts'
export { isCancelled, latestRevisions, type Revisioned } from './latest-revisions.ts'
export {
  type CustomerMergeOptions,
  type CustomerMergeRelated,
  type CustomerMergeResult,
  mergeCustomers,
} from './merge-customers.ts'
export { normalizePhone } from './normalize-phone.ts'
export { normalizeAddress, normalizeName } from './normalize-text.ts'
export { changedFields, nextRevision, type RevisionStep, revisionHistory } from './revision-history.ts'
export {
  buildSearchIndex,
  matchesSearch,
  type SearchableCustomer,
  type SearchIndex,
  search,
} from './search-customers.ts'
export { fullPinyin, quickPinyin, searchKeysFor } from './search-keys.ts'
export type { KpiOrder } from './sum-orders.ts'
export {
  type NpsBreakdown,
  npsBreakdown,
  type QuestionResult,
  type SurveyGroup,
  type SurveyResults,
  type SurveyResultsInput,
  type SurveyVisit,
  surveyResults,
} from './survey-results.ts'
export {
  cadenceDaysFromPolicy,
  computeDueVisits,
  type DueVisit,
  type DueVisitInput,
  visitCoverageByTier,
} from './visit-coverage.ts'

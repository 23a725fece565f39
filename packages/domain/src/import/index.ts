export {
  type DuplicateKind,
  type DuplicatePolicy,
  defaultDuplicateAction,
  type ImportCounts,
  type ImportLineAction,
  type ImportPlan,
  type PlanImportInput,
  planImport,
} from './plan-import.ts'

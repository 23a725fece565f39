// Tiered service (issue 16): care plans from the policy, complaints handled to the end, month progress.
export type { Bilingual } from './bilingual.ts'
export { careReasons, channelName } from './care-reasons.ts'
export { careTaskId, GENERATED_STAMP } from './care-task-id.ts'
export { chinesePublicHolidays, holidayNamesEn, holidaysBetween } from './chinese-holidays.ts'
export {
  allowedActions,
  ComplaintFlowError,
  type ComplaintStepInput,
  complaintDueAt,
  complaintState,
  complaintStep,
  defaultComplaintCategories,
  defaultComplaintResponseHours,
  isComplaintOverdue,
  type NewComplaintInput,
  newComplaintFields,
  resolutionHours,
  resolvedAt,
} from './complaint-flow.ts'
export { type CareCustomer, type CareInput, generateCareTasks } from './generate-care-tasks.ts'

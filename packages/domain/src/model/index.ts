export {
  appendOnlyBase,
  entityBase,
  fieldClocksSchema,
  type GeoPoint,
  geoPointSchema,
  hlcSchema,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  isStorableText,
  longText,
  mergeableBase,
  minuteOfDaySchema,
  reservedKeys,
  shortText,
  text,
  userKey,
} from './common.ts'
export {
  type Complaint,
  type ComplaintAction,
  type ComplaintSeverity,
  type ComplaintState,
  type ComplaintStep,
  complaintActionSchema,
  complaintSchema,
  complaintSeveritySchema,
  complaintStateSchema,
  complaintStepSchema,
} from './complaint.ts'
export { type Contact, contactSchema } from './contact.ts'
export {
  type CustomField,
  type CustomFieldCheck,
  type CustomFieldIssue,
  type CustomFieldProblem,
  type CustomFieldType,
  type CustomFieldValue,
  changedCustomFieldKeys,
  checkCustomFieldValues,
  customFieldInputText,
  customFieldKeySchema,
  customFieldSchema,
  customFieldTypeSchema,
  customFieldTypes,
  customFieldValueProblem,
  customFieldValueSchema,
  describeCustomFieldIssue,
  type ParsedCustomFieldInput,
  parseCustomFieldInput,
  reservedCustomFieldKeys,
} from './custom-field.ts'
export {
  type Customer,
  type CustomerStatus,
  customerSchema,
  customerStatusSchema,
  statusWithOrder,
  type Tier,
  tierSchema,
} from './customer.ts'
export { type DayPlan, dayPlanSchema, plannedStopSchema } from './day-plan.ts'
export { complaintStatusSchema, type Feedback, feedbackSchema } from './feedback.ts'
export {
  type OpeningHours,
  openingHoursSchema,
  type TimeWindow,
  timeWindowSchema,
  windowsOn,
} from './opening-hours.ts'
export {
  type Order,
  type OrderLine,
  orderLineSchema,
  orderSchema,
  orderStatusSchema,
  orderTotal,
} from './order.ts'
export {
  defaultOrganisation,
  holidayCalendarSchema,
  type Organisation,
  organisationSchema,
  timeZoneSchema,
} from './organisation.ts'
export { type Product, productSchema } from './product.ts'
export {
  type CareAction,
  type ContactChannel,
  careActionSchema,
  contactChannelSchema,
  defaultTagThresholds,
  type HighLowRule,
  type Holiday,
  highLowRuleSchema,
  holidaySchema,
  type MonthTargets,
  monthTargetsSchema,
  rfmGridSchema,
  type SegmentModel,
  type ServicePolicy,
  segmentModelSchema,
  servicePolicySchema,
  type TagThresholds,
  type TargetScope,
  type ThresholdPopulation,
  type TierService,
  tagThresholdsSchema,
  targetScopeSchema,
  targetsFor,
  targetsSetFor,
  thresholdPopulationSchema,
  tierServiceSchema,
  withTargets,
} from './service-policy.ts'
export {
  bilingualSchema,
  type Survey,
  type SurveyAnswers,
  type SurveyQuestion,
  surveyAnswersSchema,
  surveyQuestionSchema,
  surveySchema,
} from './survey.ts'
export {
  type RuleCondition,
  type RuleNode,
  ruleNodeSchema,
  ruleOperatorSchema,
  type TagRule,
  tagRuleSchema,
} from './tag-rule.ts'
export {
  type CareRule,
  careRuleSchema,
  type Task,
  taskKindSchema,
  taskSchema,
  taskStatusSchema,
} from './task.ts'
export { type Team, teamSchema } from './team.ts'
export { type Role, roleSchema, type User, userSchema } from './user.ts'
export {
  type GpsFix,
  gpsFixSchema,
  type Review,
  reviewSchema,
  type Visit,
  visitOutcomeSchema,
  visitPurposeSchema,
  visitSchema,
} from './visit.ts'

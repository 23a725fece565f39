export {
  auditActionLabel,
  auditActionLabels,
  auditTargetLabel,
  auditTargetLabels,
  roleLabel,
  roleLabels,
} from './audit-actions.ts'
export {
  normalizeEmail,
  passwordSchema,
  type SignedIn,
  type SignedInUser,
  signedInSchema,
  signedInUserSchema,
  type Tokens,
  tokensSchema,
} from './auth-api.ts'
export type { ClusterModelBody } from './clusters-api.ts'
export type { CustomFieldInput } from './custom-fields-api.ts'
export type { DuplicateSide } from './customers-api.ts'
export {
  type ApiErrorBody,
  apiErrorBodySchema,
  defineEndpoint,
  type Endpoint,
  type EndpointBody,
  type EndpointQuery,
  type EndpointReply,
  type EndpointResult,
  endpointPath,
  okSchema,
} from './endpoint.ts'
export { photoParamsSchema } from './files-api.ts'
export { type HttpApi, httpApi } from './http-api.ts'
export {
  IMPORT_STREAM_TYPE,
  type ImportCustomersBody,
  type ImportDuplicate,
  type ImportError,
  type ImportProgress,
  type ImportQuery,
  type ImportReport,
  type ImportStreamLine,
  importCustomersBodySchema,
  importFileBodySchema,
  importProgressSchema,
  importQuerySchema,
  importReportSchema,
  importStreamLineSchema,
  type SavedMapping,
  savedMappingSchema,
} from './import-api.ts'
export {
  type ColumnMapping,
  columnsBodySchema,
  columnsSchema,
  customerRoles,
  type ImportKind,
  importKinds,
  importRoles,
  orderRoles,
  productRoles,
  requiredRoles,
} from './import-roles.ts'
export {
  type AuditRow,
  auditRowSchema,
  type Credential,
  credentialSchema,
  type Issued,
  issuedSchema,
  type UserView,
  userViewSchema,
} from './people-api.ts'
export { policyBodySchema } from './policies-api.ts'
export type { SetupBody } from './setup-api.ts'

/** The sync protocol: wire messages, the collection table and their parsers. */
export {
  type Changed,
  changedSchema,
} from './changed.ts'
export {
  type Checkpoint,
  checkpointSchema,
} from './checkpoint.ts'
export {
  appendOnlyStamps,
  type CollectionDefinition,
  type CollectionKind,
  type Column,
  type ColumnType,
  columns,
  defineCollection,
  type Scope,
  type ServerStamp,
} from './collection-definition.ts'
export {
  type AppendOnlyCollection,
  allServerOwnedFields,
  type CollectionDocument,
  type CollectionName,
  collectionDefinition,
  collectionKinds,
  collectionNameSchema,
  collectionSchemas,
  collectionTable,
  everyCollection,
  type MergeableCollection,
  serverOwnedFields,
  serverStampOf,
  type WritableCollection,
  wireDocumentSchema,
} from './collection-table.ts'
export { publicUserSchema } from './collections/users.ts'
export {
  type ConflictLogEntry,
  conflictLogEntrySchema,
} from './conflict-log-entry.ts'
export {
  type Downstream,
  type DownstreamType,
  downstreamSchema,
} from './downstream.ts'
export {
  type ErrorMessage,
  errorMessageSchema,
} from './error-message.ts'
export {
  type ErrorCode,
  type ErrorDefinition,
  type ErrorDetail,
  errorCatalogue,
  errorCloseCodes,
  errorCodeSchema,
  errorDetailSchema,
  errorHttpStatus,
  type WireError,
  wireErrorSchema,
} from './errors.ts'
export { fnv1a64 } from './fnv1a-64.ts'
export {
  type Hello,
  helloSchema,
} from './hello.ts'
export {
  type DocumentParseResult,
  parseWireDocument,
  type WireDocument,
} from './parse-document.ts'
export {
  type ParseResult,
  parseDownstream,
  parseUpstream,
} from './parse-message.ts'
export {
  type Ping,
  pingSchema,
} from './ping.ts'
export {
  type Pong,
  pongSchema,
} from './pong.ts'
export {
  protocolJsonSchema,
  protocolSchemaHash,
} from './protocol-hash.ts'
export { PROTOCOL_VERSION } from './protocol-version.ts'
export {
  type Pull,
  pullSchema,
  type RecentCursor,
  recentCursorSchema,
} from './pull.ts'
export {
  type PullResult,
  pullResultSchema,
} from './pull-result.ts'
export {
  type Push,
  type PushRow,
  pushRowSchema,
  pushSchema,
} from './push.ts'
export {
  type PushResult,
  pushResultSchema,
} from './push-result.ts'
export {
  type RequestId,
  requestIdSchema,
  type WireObject,
  wireObjectSchema,
} from './request-id.ts'
export { stableStringify } from './stable-stringify.ts'
export {
  type Upstream,
  type UpstreamType,
  upstreamSchema,
  upstreamTypes,
} from './upstream.ts'
export {
  type Welcome,
  welcomeSchema,
} from './welcome.ts'

export { conflictIdFor } from './conflict-id.ts'
export { applyEdit, type EditPatch, latestStamp, type MergeableFields, withKeyChanges } from './edit.ts'
export {
  type ClockOptions,
  compareStamps,
  createClock,
  formatStamp,
  type HlcClock,
  isPlausibleStamp,
  type ParsedStamp,
  parseStamp,
} from './hlc.ts'
export { MergeError } from './merge-error.ts'
export { fieldWinner, type MergeRecordsOptions, mergeRecords } from './merge-records.ts'
export { type Doc as SyncDocument, rxdbMetaFields, sameContent, withoutMeta } from './record-fields.ts'
export {
  asNewRevision,
  type Resolution,
  type ResolveInput,
  type ResolveOutcome,
  type RevisionFields,
  resolveConflict,
} from './resolve-conflict.ts'
export {
  type ConflictHandler,
  type ConflictHandlerInput,
  type ConflictHandlerOptions,
  makeConflictHandler,
  type ReplicatedDoc,
} from './rxdb-conflict-handler.ts'

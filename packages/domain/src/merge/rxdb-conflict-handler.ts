import { type CollectionName, collectionKinds } from '../protocol/collection-table.ts'
import { type Doc, sameContent } from './record-fields.ts'
import { resolveConflict } from './resolve-conflict.ts'

/** A replicated document as RxDB hands it to a conflict handler. */
export type ReplicatedDoc = Doc & { id: string; _deleted: boolean }

/** RxDB 17's `RxConflictHandlerInput`, restated so the domain package needs no RxDB import. */
export interface ConflictHandlerInput<T> {
  newDocumentState: T
  realMasterState: T
  assumedMasterState?: T | undefined
}

/** RxDB 17's `RxConflictHandler` shape. */
export interface ConflictHandler<T> {
  isEqual(a: T, b: T, context?: string): boolean
  resolve(input: ConflictHandlerInput<T>, context?: string): Promise<T>
}

export interface ConflictHandlerOptions<T> {
  /**
   * Called when an append-only record the device holds differs from the stored one: the stored one wins,
   * so save `asNewRevision(local, newId)` here or the device's version is gone.
   */
  onDivergence?: (local: T, master: T) => void
}

/**
 * The device side of `resolveConflict` for one collection. `isEqual` compares content only (RxDB's
 * `_meta`, `_rev` and `_attachments` are local bookkeeping); `resolve` returns the merged document.
 */
export function makeConflictHandler<T extends ReplicatedDoc = ReplicatedDoc>(
  collection: CollectionName,
  options: ConflictHandlerOptions<T> = {},
): ConflictHandler<T> {
  const kind = collectionKinds[collection]
  return {
    isEqual: (a, b) => sameContent(a, b),
    resolve(input) {
      const { newDocumentState: local, realMasterState: remote, assumedMasterState } = input
      const result = resolveConflict(kind, {
        collection,
        ancestor: assumedMasterState ?? null,
        local,
        remote,
      })
      if (result.outcome === 'append_only_divergence') options.onDivergence?.(local, remote)
      return Promise.resolve(result.merged)
    },
  }
}

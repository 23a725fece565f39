import { useEffect, useState } from 'react'
import type { MangoQuery } from 'rxdb'
import { collectionOf } from './device-db.ts'
import { useOutrider } from './outrider-context.ts'
import {
  type DeviceDoc,
  type ReferenceDocOf,
  type ReferenceKind,
  readReference,
  type SyncedCollection,
} from './schemas.ts'

/**
 * Live query over a local collection: re-renders when matching documents change (locally or by
 * replication). Returns null until the first result. `deps` re-runs the query (use primitives).
 * Documents come as mutable copies (RxDB's own are frozen and shared by every query).
 */
export function useLiveQuery<C extends SyncedCollection>(
  collection: C,
  query: MangoQuery<DeviceDoc<C>>,
  deps: unknown[] = [],
): DeviceDoc<C>[] | null {
  const { db } = useOutrider()
  const [docs, setDocs] = useState<DeviceDoc<C>[] | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: callers pass the query's inputs as deps
  useEffect(() => {
    const sub = collectionOf(db, collection)
      .find(query)
      .$.subscribe((rows) => setDocs(rows.map((r) => r.toMutableJSON())))
    return () => sub.unsubscribe()
  }, [db, collection, ...deps])
  return docs
}

/** Live single document by id, or null while loading / undefined when absent. */
export function useLiveDoc<C extends SyncedCollection>(
  collection: C,
  id: string | undefined,
): DeviceDoc<C> | null | undefined {
  const { db } = useOutrider()
  const [doc, setDoc] = useState<DeviceDoc<C> | null | undefined>(null)
  useEffect(() => {
    if (!id) {
      setDoc(undefined)
      return
    }
    const sub = collectionOf(db, collection)
      .findOne(id)
      .$.subscribe((d) => setDoc(d ? d.toMutableJSON() : undefined))
    return () => sub.unsubscribe()
  }, [db, collection, id])
  return doc
}

/** Reference data of one kind (products, policies, tag rules, teams, users) with ids unprefixed. */
export function useReference<K extends ReferenceKind>(kind: K): ReferenceDocOf<K>[] | null {
  const docs = useLiveQuery('reference', { selector: { kind } }, [kind])
  if (!docs) return null
  return docs.flatMap((row) => readReference(kind, row) ?? [])
}

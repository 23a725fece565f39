import { useEffect, useState } from 'react'
import type { MangoQuery } from 'rxdb'
import { useOutrider } from './outrider-context.ts'
import type { SyncedCollection } from './schemas.ts'

type Doc = Record<string, unknown> & { id: string }

/**
 * Live query over a local collection: re-renders when matching documents change (locally or by
 * replication). Returns null until the first result. `deps` re-runs the query (use primitives).
 */
export function useLiveQuery<T = Doc>(
  collection: SyncedCollection,
  query: MangoQuery<Doc>,
  deps: unknown[] = [],
): T[] | null {
  const { db } = useOutrider()
  const [docs, setDocs] = useState<T[] | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: callers pass the query's inputs as deps
  useEffect(() => {
    const sub = db[collection]
      .find(query)
      .$.subscribe((rows) => setDocs(rows.map((r) => r.toJSON() as unknown as T)))
    return () => sub.unsubscribe()
  }, [db, collection, ...deps])
  return docs
}

/** Live single document by id, or null while loading / undefined when absent. */
export function useLiveDoc<T = Doc>(
  collection: SyncedCollection,
  id: string | undefined,
): T | null | undefined {
  const { db } = useOutrider()
  const [doc, setDoc] = useState<T | null | undefined>(null)
  useEffect(() => {
    if (!id) {
      setDoc(undefined)
      return
    }
    const sub = db[collection]
      .findOne(id)
      .$.subscribe((d) => setDoc(d ? (d.toJSON() as unknown as T) : undefined))
    return () => sub.unsubscribe()
  }, [db, collection, id])
  return doc
}

/** Reference data of one kind (products, policies, tagRules, teams, users) with ids unprefixed. */
export function useReference<T = Doc>(
  kind: 'products' | 'policies' | 'tagRules' | 'teams' | 'users',
): T[] | null {
  const docs = useLiveQuery<Doc>('reference', { selector: { kind } }, [kind])
  if (!docs) return null
  return docs.map((d) => ({ ...d, id: String(d.id).slice(kind.length + 1) }) as unknown as T)
}

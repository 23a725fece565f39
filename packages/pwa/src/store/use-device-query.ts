import { liveQuery } from 'dexie'
import { useEffect, useState } from 'react'

/** Live result of a device-store (Dexie) query; undefined until the first result. */
export function useDeviceQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined)
  // biome-ignore lint/correctness/useExhaustiveDependencies: callers pass the query's inputs as deps
  useEffect(() => {
    const sub = liveQuery(query).subscribe({ next: setValue, error: () => {} })
    return () => sub.unsubscribe()
  }, [...deps])
  return value
}

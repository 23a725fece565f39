import { useEffect, useState } from 'react'
import { useOutrider } from './outrider-context.ts'
import { type FirstSyncState, firstSyncProgressOf } from './sync/first-sync.ts'

/** The device's first sync as it goes (idle once over, or when this device had synced before). */
export function useFirstSync(): FirstSyncState {
  const { connection } = useOutrider()
  const progress = firstSyncProgressOf(connection)
  const [state, setState] = useState(progress.state$.value)
  useEffect(() => {
    const sub = progress.state$.subscribe(setState)
    return () => sub.unsubscribe()
  }, [progress])
  return state
}

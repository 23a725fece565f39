import { useEffect, useState } from 'react'
import { useOutrider } from '../../store/outrider-context.ts'

/** How long a plan waits for the first sync before it is laid out from what the phone has. */
const WAIT_FOR_SYNC_MS = 10_000

/**
 * True once the local data is as complete as it will get for now: every collection has caught up
 * with the server, or the phone is offline (or another tab syncs, or sign-in is needed), or the
 * first sync has taken longer than is worth waiting for. A day plan laid out from a half-synced
 * phone would change as the rest arrives; this is when it may be laid out once and kept.
 */
export function useSettled(): boolean {
  const { replications, connection } = useOutrider()
  const [settled, setSettled] = useState(false)
  useEffect(() => {
    let done = false
    const finish = () => {
      if (done) return
      done = true
      setSettled(true)
    }
    void Promise.all(replications.map((r) => r.awaitInSync())).then(finish, finish)
    const sub = connection.state$.subscribe((s) => {
      if (!navigator.onLine || s === 'standby' || s === 'auth-required') finish()
    })
    const offline = () => finish()
    window.addEventListener('offline', offline)
    const timer = setTimeout(finish, WAIT_FOR_SYNC_MS)
    return () => {
      done = true
      sub.unsubscribe()
      window.removeEventListener('offline', offline)
      clearTimeout(timer)
    }
  }, [replications, connection])
  return settled
}

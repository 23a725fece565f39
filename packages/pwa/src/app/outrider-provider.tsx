import { type ReactNode, useEffect, useState } from 'react'
import { armFirstScreenFallback, firstPaint } from '../platform/first-screen.ts'
import { accessToken, lastUser, loadSession, type SessionUser } from '../platform/session.ts'
import { keepListSnapshot } from '../store/list-snapshot.ts'
import { type Outrider, OutriderContext, type OutriderState } from '../store/outrider-context.ts'

/** The next idle moment (or half a second at most), so just-painted rows can be used at once. */
function idle() {
  return new Promise<void>((resolve) => {
    if ('requestIdleCallback' in window) requestIdleCallback(() => resolve(), { timeout: 500 })
    else setTimeout(resolve, 0)
  })
}

function socketUrl() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${proto}//${location.host}/sync`
}

/**
 * Opens the signed-in user's local database (works with no network at all) and, alongside,
 * the socket and replication. A refused session keeps the database open and asks for sign-in.
 */
export function OutriderProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(() => loadSession()?.user ?? lastUser())
  const [state, setState] = useState<OutriderState>(() =>
    user ? { status: 'opening', user } : { status: 'signed-out' },
  )

  useEffect(() => {
    if (!user) {
      setState({ status: 'signed-out' })
      return
    }
    // A temporary password opens nothing (the server would refuse the socket) until it is changed.
    if (user.mustChangePassword) {
      setState({ status: 'opening', user })
      return
    }
    let cancelled = false
    let app: Outrider | null = null
    let stopSnapshot = () => {}
    setState({ status: 'opening', user })
    void (async () => {
      // The data layer (RxDB, Dexie, replication) loads after the shell, and a returning rep's
      // customer list from its snapshot, have painted.
      await firstPaint
      await idle()
      if (cancelled) return
      const { startDataLayer } = await import('./data-layer.ts')
      const { db, device, connection, replications } = await startDataLayer(user.id, socketUrl(), accessToken)
      if (cancelled) {
        connection.close()
        for (const r of replications) void r.cancel()
        await db.close()
        device.close()
        return
      }
      const listSnapshot = keepListSnapshot(db, user.id)
      stopSnapshot = listSnapshot.stop
      app = { user, db, device, connection, replications, listSnapshot }
      const ready = app
      // Keeps "pending changes" and "last sync" current on every screen, not only on the Sync tab.
      void import('../store/sync/sync-tracker.ts').then((m) => m.ensureSyncTracker(ready))
      setState({ status: 'ready', app })
      armFirstScreenFallback()
    })()
    return () => {
      cancelled = true
      stopSnapshot()
      if (app) {
        app.connection.close()
        for (const r of app.replications) void r.cancel()
        void app.db.close()
        app.device.close()
      }
    }
  }, [user])

  const signedIn = (u: SessionUser) => {
    if (state.status === 'ready' && state.app.user.id === u.id) state.app.connection.resume()
    else setUser(u)
  }
  return <OutriderContext.Provider value={{ state, signedIn }}>{children}</OutriderContext.Provider>
}

import { createContext, type ReactNode, useContext, useEffect, useState } from 'react'
import type { RxReplicationState } from 'rxdb/plugins/replication'
import { accessToken, lastUser, loadSession, type SessionUser } from '../auth/session.ts'
import type { OutriderDb } from '../db/database.ts'
import type { DeviceStore } from '../db/device-store.ts'
import { keepListSnapshot, type ListSnapshotKeeper } from '../db/list-snapshot.ts'
import { armFirstScreenFallback, firstPaint } from '../platform/first-screen.ts'
import type { ConnectionState, SyncConnection } from '../sync/connection.ts'

export type Outrider = {
  user: SessionUser
  db: OutriderDb
  /** Device-only data: drafts, photos, refused changes. */
  device: DeviceStore
  connection: SyncConnection
  replications: RxReplicationState<Record<string, unknown> & { id: string }, never>[]
  /** The customer list's start-up copy (see db/list-snapshot.ts), rewritten as customers and insights change. */
  listSnapshot: ListSnapshotKeeper
}

type State =
  | { status: 'signed-out' }
  | { status: 'opening'; user: SessionUser }
  | { status: 'ready'; app: Outrider }

const Ctx = createContext<{ state: State; signedIn: (u: SessionUser) => void } | null>(null)

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
  const [state, setState] = useState<State>(() =>
    user ? { status: 'opening', user } : { status: 'signed-out' },
  )

  useEffect(() => {
    if (!user) {
      setState({ status: 'signed-out' })
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
      void import('../features/sync/sync-tracker.ts').then((m) => m.ensureSyncTracker(ready))
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
  return <Ctx.Provider value={{ state, signedIn }}>{children}</Ctx.Provider>
}

export function useOutriderState() {
  const ctx = useContext(Ctx)
  if (!ctx) throw new Error('useOutrider outside OutriderProvider')
  return ctx
}

/** The signed-in user, known before the local database has opened. */
export function useSessionUser(): SessionUser {
  const { state } = useOutriderState()
  if (state.status === 'signed-out') throw new Error('No signed-in user')
  return state.status === 'ready' ? state.app.user : state.user
}

/** The ready app, or null while the local database is still opening. */
export function useOutriderIfReady(): Outrider | null {
  const { state } = useOutriderState()
  return state.status === 'ready' ? state.app : null
}

/** The ready app; only call below the gate that waits for it. */
export function useOutrider(): Outrider {
  const { state } = useOutriderState()
  if (state.status !== 'ready') throw new Error('Outrider not ready')
  return state.app
}

/** The socket's state; 'offline' while the local database (and with it the socket) is still opening. */
export function useConnectionState(): ConnectionState {
  const app = useOutriderIfReady()
  const [s, setS] = useState<ConnectionState>(app?.connection.state$.value ?? 'offline')
  useEffect(() => {
    if (!app) return
    const sub = app.connection.state$.subscribe(setS)
    return () => sub.unsubscribe()
  }, [app])
  return s
}

import { createContext, useContext, useEffect, useState } from 'react'
import type { SessionUser } from '../platform/session.ts'
import type { OutriderDb } from './device-db.ts'
import type { DeviceStore } from './device-store.ts'
import type { ListSnapshotKeeper } from './list-snapshot.ts'
import type { ConnectionState, SyncConnection } from './sync/connection.ts'
import type { Replication } from './sync/replication.ts'

export type Outrider = {
  user: SessionUser
  db: OutriderDb
  /** Device-only data: drafts, photos, refused changes. */
  device: DeviceStore
  connection: SyncConnection
  replications: Replication[]
  /** The customer list's start-up copy (see store/list-snapshot.ts), rewritten as customers and insights change. */
  listSnapshot: ListSnapshotKeeper
}

export type OutriderState =
  | { status: 'signed-out' }
  | { status: 'opening'; user: SessionUser }
  | { status: 'ready'; app: Outrider }

/** Filled by the app's OutriderProvider (app/outrider-provider.tsx), which opens the store. */
export const OutriderContext = createContext<{
  state: OutriderState
  signedIn: (u: SessionUser) => void
} | null>(null)

export function useOutriderState() {
  const ctx = useContext(OutriderContext)
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

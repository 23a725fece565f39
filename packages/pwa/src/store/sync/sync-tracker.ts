import { asyncScheduler, BehaviorSubject, Subject, type Subscription, throttleTime } from 'rxjs'
import { logFailure } from '../../platform/log-failure.ts'
import type { Outrider } from '../outrider-context.ts'

export type SyncTracker = { lastSyncAt$: BehaviorSubject<string | null> }

const trackers = new WeakMap<Outrider, SyncTracker>()
const lastSyncKey = (userId: string) => `outrider.lastSync.${userId}`
const MARK_EVERY_MS = 1000

/**
 * Clears the device outbox as the replication pushes documents (`sent$`), and after every
 * reconnect once all collections are in sync (entries older than that moment have been pushed),
 * and remembers when the device last exchanged data with the server. One per open app.
 */
export function ensureSyncTracker(app: Outrider): SyncTracker {
  const existing = trackers.get(app)
  if (existing) return existing
  const lastSyncAt$ = new BehaviorSubject<string | null>(localStorage.getItem(lastSyncKey(app.user.id)))
  const tracker = { lastSyncAt$ }
  trackers.set(app, tracker)
  const markSynced = () => {
    const now = new Date().toISOString()
    localStorage.setItem(lastSyncKey(app.user.id), now)
    lastSyncAt$.next(now)
  }
  // A first sync receives tens of thousands of documents: "last sync" is written at most once a
  // second (and once more after the last document), not once per document.
  const exchanged = new Subject<void>()
  const subs: Subscription[] = [
    exchanged
      .pipe(throttleTime(MARK_EVERY_MS, asyncScheduler, { leading: true, trailing: true }))
      .subscribe(markSynced),
  ]
  for (const r of app.replications) {
    const collection = r.collection.name
    subs.push(
      r.sent$.subscribe((doc) => {
        const id = `${collection}:${String(doc.id)}`
        void app.device.outbox
          .get(id)
          .then((e) => {
            // A newer local edit made while this push was in flight stays pending.
            if (e && (typeof doc.updatedAt !== 'string' || doc.updatedAt >= e.updatedAt))
              return app.device.outbox.delete(id)
            return undefined
          })
          .catch(logFailure('a sent change was not cleared from the outbox; the next full sync clears it'))
        exchanged.next()
      }),
      r.received$.subscribe(() => exchanged.next()),
    )
  }
  let generation = 0
  subs.push(
    app.connection.state$.subscribe((state) => {
      if (state !== 'online') return
      const mine = ++generation
      const startedAt = new Date().toISOString()
      void Promise.all(app.replications.map((r) => r.awaitInSync()))
        .then(async () => {
          if (mine !== generation || app.connection.state$.value !== 'online') return
          // For `pnpm bench:app`: when the first sync (and each one after a reconnect) has caught up.
          performance.mark('outrider:in-sync')
          await app.device.outbox.filter((e) => e.at < startedAt).delete()
          markSynced()
        })
        .catch(logFailure('the outbox was not cleared after a sync; the next sync clears it'))
    }),
  )
  return tracker
}

/** How much would be lost if this device's data were thrown away now. */
export type Unsynced = { pending: number; rejected: number; drafts: number; photos: number }

export async function countUnsynced(app: Outrider): Promise<Unsynced> {
  const [pending, rejected, drafts, photos] = await Promise.all([
    app.device.outbox.count(),
    app.device.rejections.filter((r) => !r.discarded).count(),
    app.device.drafts.count(),
    app.device.photos.filter((p) => !p.uploaded).count(),
  ])
  return { pending, rejected, drafts, photos }
}

export const totalUnsynced = (u: Unsynced) => u.pending + u.rejected + u.drafts + u.photos

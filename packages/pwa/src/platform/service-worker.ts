import { Workbox } from 'workbox-window'
import { flushDrafts } from './draft-flush.ts'
import { logFailure } from './log-failure.ts'

export type UpdatePrompt = { apply: () => void }

/** How often an open app asks whether a new version was deployed (it also asks when shown again). */
const CHECK_EVERY_MS = 30 * 60_000

/**
 * Registers the service worker. A new version waits until the rep chooses to reload, so an
 * update never throws away a half-filled form; open drafts are saved before the reload anyway.
 * Returns a cleanup for React effects.
 */
export function registerServiceWorker(onUpdate: (u: UpdatePrompt) => void): () => void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return () => {}
  const wb = new Workbox('/sw.js')
  let reloading = false
  wb.addEventListener('waiting', () => {
    onUpdate({
      apply: () => {
        wb.addEventListener('controlling', () => {
          if (reloading) return
          reloading = true
          window.location.reload()
        })
        void flushDrafts().then(() => wb.messageSkipWaiting())
      },
    })
  })
  void wb.register().catch(logFailure('the service worker did not register; the app works online only'))
  const check = () => {
    if (document.visibilityState === 'visible' && navigator.onLine)
      void wb.update().catch(logFailure('the update check failed; the next check retries'))
  }
  const timer = setInterval(check, CHECK_EVERY_MS)
  document.addEventListener('visibilitychange', check)
  return () => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', check)
  }
}

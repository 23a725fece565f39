import { Workbox } from 'workbox-window'

export type UpdatePrompt = { apply: () => void }

/**
 * Registers the service worker. A new version waits until the rep chooses to reload, so an
 * update never throws away a half-filled form; drafts are autosaved anyway.
 */
export function registerServiceWorker(onUpdate: (u: UpdatePrompt) => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return
  const wb = new Workbox('/sw.js')
  wb.addEventListener('waiting', () => {
    onUpdate({
      apply: () => {
        wb.addEventListener('controlling', () => window.location.reload())
        wb.messageSkipWaiting()
      },
    })
  })
  void wb.register()
}

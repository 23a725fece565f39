import type { EntityTable } from 'dexie'
import { logFailure } from '../platform/log-failure.ts'
import type { PhotoBlob } from './device-records.ts'

export type PhotoUploader = { kick: () => Promise<void>; stop: () => void }

/** Refusals that a retry cannot fix: the photo stays on the device (and in exports) with the reason. */
const PERMANENT = new Set([400, 403, 413, 415])

/** The refusal's own message when its body has the app's error shape (`{error:{message}}`), else the status. */
function refusalMessage(status: number, body: unknown): string {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const { error } = body
    if (
      typeof error === 'object' &&
      error !== null &&
      'message' in error &&
      typeof error.message === 'string'
    )
      return error.message
  }
  return `HTTP ${status}`
}

/**
 * Uploads photos kept on the device whenever the app is online: on start, when the network comes
 * back, when a photo is added (`kick`) and once a minute. An attempt that fails while the device
 * thinks it is online (the network just came back and is not quite there, the server restarts) is
 * tried again soon, after 2 s, then 4 s, … up to a minute. Each upload is idempotent on the photo id.
 */
export function startPhotoUploader(
  device: { photos: EntityTable<PhotoBlob, 'id'> },
  getToken: () => Promise<string | null>,
  fetchImpl: typeof fetch = (...a) => fetch(...a),
  { firstRetryMs = 2_000 }: { firstRetryMs?: number } = {},
): PhotoUploader {
  let running: Promise<void> | null = null
  let again = false
  let stopped = false
  let retryMs = firstRetryMs
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  /** Sends what waits; false when something was left that a later attempt may send. */
  async function runOnce(): Promise<boolean> {
    const waiting = await device.photos.filter((p) => !p.uploaded && !p.error).toArray()
    if (waiting.length === 0) return true
    // No token (signed out, or the refresh failed offline): nothing can be sent until a later attempt.
    const token = await getToken().catch(() => null)
    if (!token) return false
    for (const p of waiting) {
      if (stopped) return true
      const q = new URLSearchParams({ customerId: p.customerId, visitId: p.visitId })
      let res: Response
      try {
        res = await fetchImpl(`/api/photos/${encodeURIComponent(p.id)}?${q}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': p.type },
          body: p.blob,
        })
      } catch {
        return false // offline or server unreachable: try again later
      }
      if (res.ok) await device.photos.update(p.id, { uploaded: true })
      else if (PERMANENT.has(res.status)) {
        // A body that is not JSON (a proxy's error page) reads as null: the status is then the reason.
        const body: unknown = await res.json().catch(() => null)
        await device.photos.update(p.id, { error: refusalMessage(res.status, body) })
      } else return false
    }
    return true
  }

  function retrySoon() {
    if (stopped || retryTimer) return
    retryTimer = setTimeout(() => {
      retryTimer = undefined
      onOnline()
    }, retryMs)
    retryMs = Math.min(retryMs * 2, 60_000)
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve()
    if (typeof navigator !== 'undefined' && !navigator.onLine) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        let done = true
        do {
          again = false
          done = await runOnce()
        } while (again && !stopped)
        if (done) retryMs = firstRetryMs
        else retrySoon()
      } finally {
        running = null
      }
    })()
    return running
  }

  const onOnline = () =>
    void kick().catch(logFailure('photo upload failed; retried when online and every minute'))
  const timer = setInterval(onOnline, 60_000)
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline)
  // Let the app finish opening before the first attempt.
  const first = setTimeout(onOnline, 1_000)
  return {
    kick,
    stop() {
      stopped = true
      clearInterval(timer)
      clearTimeout(first)
      clearTimeout(retryTimer)
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline)
    },
  }
}

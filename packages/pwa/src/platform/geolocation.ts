import type { GpsFix } from '@outrider/domain'

export type FixResult =
  | { ok: true; fix: GpsFix }
  | { ok: false; problem: 'denied' | 'unavailable' | 'timeout' | 'unsupported' }

/** One position fix for a check-in; never throws, a refusal or timeout comes back as a problem. */
export function currentFix(timeoutMs = 15_000): Promise<FixResult> {
  if (typeof navigator === 'undefined' || !navigator.geolocation)
    return Promise.resolve({ ok: false, problem: 'unsupported' })
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (pos) =>
        resolve({
          ok: true,
          fix: {
            lat: pos.coords.latitude,
            lng: pos.coords.longitude,
            accuracyM: Math.min(100_000, Math.max(0, pos.coords.accuracy)),
            at: new Date(pos.timestamp || Date.now()).toISOString(),
          },
        }),
      (err) =>
        resolve({
          ok: false,
          problem: err.code === 1 ? 'denied' : err.code === 3 ? 'timeout' : 'unavailable',
        }),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    )
  })
}

import { accessToken } from '../platform/session.ts'

/** A refused or failed server action, with the server's stable code (or E_OFFLINE / E_NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

async function authorised(url: string, init: RequestInit): Promise<Response> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) {
    throw new ApiError('E_OFFLINE', 'offline')
  }
  let token: string | null
  try {
    token = await accessToken()
  } catch {
    throw new ApiError('E_SESSION_REVOKED', 'session ended')
  }
  if (!token) throw new ApiError('E_OFFLINE', 'offline')
  const headers = new Headers(init.headers)
  headers.set('authorization', `Bearer ${token}`)
  try {
    return await fetch(url, { ...init, headers })
  } catch {
    throw new ApiError('E_NETWORK', 'network error')
  }
}

/**
 * Calls one of the server's action endpoints with the session's bearer token; JSON in, JSON out.
 * Errors arrive as `{error:{code,message,details?}}` and become an `ApiError`.
 */
export async function apiJson<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await authorised(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  const json = (await res.json().catch(() => null)) as unknown
  if (!res.ok) {
    const e = ((json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error ??
      {}) as { code?: string; message?: string; details?: unknown }
    throw new ApiError(e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, res.status, e.details)
  }
  return json as T
}

/** Fetches a protected file and hands it to the browser as a download (object URL, then revoked). */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const res = await authorised(url, { method: 'GET' })
  if (!res.ok) {
    const json = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string }
    } | null
    throw new ApiError(
      json?.error?.code ?? `HTTP_${res.status}`,
      json?.error?.message ?? res.statusText,
      res.status,
    )
  }
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}

/** Loads a protected image as an object URL, or null when it is missing (404) or offline. */
export async function fetchImageUrl(url: string): Promise<string | null> {
  try {
    const res = await authorised(url, { method: 'GET' })
    if (!res.ok) return null
    return URL.createObjectURL(await res.blob())
  } catch {
    return null
  }
}

/** The i18n key of a user-facing explanation for an action's failure. */
export function errorKey(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'E_OFFLINE' || err.code === 'E_NETWORK') return 'review.api.offline'
    if (err.code === 'E_FORBIDDEN') return 'review.api.forbidden'
    if (err.code === 'E_SESSION_REVOKED' || err.code === 'E_UNAUTHENTICATED') return 'review.api.session'
    if (err.status === 404) return 'review.api.notFound'
    if (err.code === 'E_VALIDATION') return 'review.api.invalid'
  }
  return 'review.api.failed'
}

import {
  apiErrorBodySchema,
  type Endpoint,
  type EndpointBody,
  type EndpointQuery,
  type EndpointResult,
  endpointPath,
} from '@outrider/domain'
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

/** A refusal in the app's one error shape (`{error:{code,message,details?}}`), or the HTTP status. */
export function apiErrorOf(status: number, statusText: string, json: unknown): ApiError {
  const parsed = apiErrorBodySchema.safeParse(json)
  if (!parsed.success) return new ApiError(`HTTP_${status}`, statusText, status)
  const { code, message, details } = parsed.data.error
  return new ApiError(code, message, status, details)
}

/** What a call sends: path parameters, the query and the body, as the endpoint's schemas type them. */
export type CallInput<E> = { params?: Record<string, string> } & (E extends { body: object }
  ? { body: EndpointBody<E> }
  : { body?: undefined }) &
  (E extends { query: object } ? { query?: EndpointQuery<E> } : { query?: undefined })

/** The endpoint's URL: its path with the parameters filled in, and the query's defined values. */
export function endpointUrl(
  endpoint: Pick<Endpoint, 'path'>,
  input: { params?: Record<string, string>; query?: unknown } = {},
): string {
  const path = endpointPath(endpoint, input.params)
  const query = Object.entries((input.query ?? {}) as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && v !== null,
  )
  return query.length === 0 ? path : `${path}?${new URLSearchParams(query.map(([k, v]) => [k, String(v)]))}`
}

/** The reply parsed with the endpoint's schema: a reply of another shape is an error, never cast. */
export function parseReply<E extends Endpoint>(endpoint: E, json: unknown): EndpointResult<E> {
  const parsed = endpoint.response.safeParse(json)
  if (!parsed.success) {
    console.error(`outrider: unexpected reply from ${endpoint.method} ${endpoint.path}`, parsed.error)
    throw new ApiError('E_BAD_REPLY', `unexpected reply from ${endpoint.path}`, 200, parsed.error.issues)
  }
  return parsed.data as EndpointResult<E>
}

/**
 * Calls one of the server's actions (`httpApi.*` of the domain) with the session's bearer token: the
 * body typed by the endpoint's schema, the reply parsed by it; a refusal becomes an `ApiError`.
 */
export async function callApi<E extends Endpoint>(
  endpoint: E,
  input: CallInput<E>,
): Promise<EndpointResult<E>> {
  const body = (input as { body?: unknown }).body
  const res = await authorised(endpointUrl(endpoint, input), {
    method: endpoint.method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  // A body that is not JSON (a proxy's error page) reads as null: the status then decides.
  const json: unknown = await res.json().catch(() => null)
  if (!res.ok) throw apiErrorOf(res.status, res.statusText, json)
  return parseReply(endpoint, json)
}

/** Fetches a protected file and hands it to the browser as a download (object URL, then revoked). */
export async function downloadFile(url: string, fileName: string): Promise<void> {
  const res = await authorised(url, { method: 'GET' })
  if (!res.ok) throw apiErrorOf(res.status, res.statusText, await res.json().catch(() => null))
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

import { LoginError } from '../../platform/session.ts'

/** A public first-run call (no session yet); a refusal becomes a LoginError with the server's code. */
export async function publicJson<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }
  if (!res.ok) throw new LoginError(json.error?.code ?? `HTTP_${res.status}`, json.error?.message ?? '')
  return json as T
}

const KNOWN = new Set(['E_FORBIDDEN', 'E_CONFLICT', 'E_UNAUTHENTICATED', 'E_VALIDATION', 'E_RATE_LIMITED'])

/** The i18n key and options explaining a failed first-run call. */
export type Failure = [string, Record<string, string>]

export function failureText(err: unknown): Failure {
  if (err instanceof LoginError && KNOWN.has(err.code)) return [`firstRun.errors.${err.code}`, {}]
  return ['firstRun.errors.other', { code: err instanceof LoginError ? err.code : 'network' }]
}

/** The one-time token of a `/setup#token=…` or `/invite#token=…` link (kept out of server logs). */
export const tokenFromHash = () => new URLSearchParams(location.hash.slice(1)).get('token') ?? ''

/** Leaves a first-run page for the app's home, dropping the used token from the address and history. */
export const leaveForHome = () => history.replaceState(null, '', '/')

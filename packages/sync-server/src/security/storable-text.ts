import { isStorableText } from '@outrider/domain'

/**
 * The path of the first string (value or key) in `value` that cannot be stored as it is (a NUL or an
 * unpaired surrogate), or null. Postgres refuses both in JSON and in text parameters, which surfaced
 * as E_INTERNAL; checking every message up front makes them the validation errors they are.
 */
export function unstorableTextAt(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path || '(value)'
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || depth > 64) return null
  for (const [key, v] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key
    if (!isStorableText(key)) return at
    const found = unstorableTextAt(v, at, depth + 1)
    if (found !== null) return found
  }
  return null
}

export const UNSTORABLE_MESSAGE = 'text must not contain NUL characters or unpaired surrogates'

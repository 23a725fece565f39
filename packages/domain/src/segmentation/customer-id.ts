/**
 * Customer ids as they come from spreadsheets: `12923.0` (a number a spreadsheet turned into a float) is
 * the customer `12923`. Sorting puts purely numeric ids in numeric order, before any other id, so ranks
 * and tie-breaks agree with tools that read such ids as numbers.
 */

const INTEGER_WITH_ZERO_FRACTION = /^(\d+)\.0+$/
const DIGITS = /^\d+$/

/** Trims the id and drops a zero fraction (`' 12923.0 '` → `'12923'`); returns '' for a blank id. */
export function normalizeCustomerId(raw: string): string {
  const id = raw.trim()
  const m = INTEGER_WITH_ZERO_FRACTION.exec(id)
  return m?.[1] ?? id
}

function isDigits(s: string): boolean {
  return DIGITS.test(s)
}

/** Numeric ids by value (no precision limit), then other ids by code point. */
export function compareCustomerIds(a: string, b: string): number {
  const an = isDigits(a)
  const bn = isDigits(b)
  if (an && bn) {
    const a0 = a.replace(/^0+(?=\d)/, '')
    const b0 = b.replace(/^0+(?=\d)/, '')
    if (a0.length !== b0.length) return a0.length - b0.length
    if (a0 !== b0) return a0 < b0 ? -1 : 1
    return a < b ? -1 : a > b ? 1 : 0
  }
  if (an !== bn) return an ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Index permutation that lists `ids` in `compareCustomerIds` order. */
export function sortedCustomerOrder(ids: readonly string[]): Int32Array {
  const n = ids.length
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  // Classify each id once; the comparator then only compares numbers or plain strings.
  const keys = new Float64Array(n)
  const numeric = new Uint8Array(n)
  let allSafe = true
  for (let i = 0; i < n; i++) {
    const id = ids[i] as string
    if (isDigits(id)) {
      numeric[i] = 1
      if (id.length > 15 || (id.length > 1 && id.charCodeAt(0) === 48)) allSafe = false
      else keys[i] = Number(id)
    } else allSafe = false
  }
  if (allSafe) return order.sort((a, b) => (keys[a] as number) - (keys[b] as number))
  return order.sort((a, b) => {
    const na = numeric[a] as number
    const nb = numeric[b] as number
    if (na !== nb) return nb - na
    const x = ids[a] as string
    const y = ids[b] as string
    if (na === 1) return compareCustomerIds(x, y)
    return x < y ? -1 : x > y ? 1 : 0
  })
}

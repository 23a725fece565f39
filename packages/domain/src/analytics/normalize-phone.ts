/** A mainland mobile number: 11 digits starting 13–19. */
const MOBILE = /^1[3-9]\d{9}$/
/** What ends the number proper: an extension written as 转, ext, x or #. */
const EXTENSION = /(转|ext\.?|x|#).*$/i

/**
 * Canonical digits of a Chinese phone number, or null when there are too few digits to be one.
 * Drops separators (spaces, dashes, dots, parentheses), full-width forms, extensions and the country
 * code (+86, 0086, or a bare 86 before a mobile); a landline written internationally gets its trunk 0
 * back, so `+86 21 1234 5678`, `(021) 1234-5678` and `021-12345678` are all `02112345678`.
 * Idempotent: normalizing the result gives the result.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null
  const text = raw.normalize('NFKC').replace(EXTENSION, '')
  let international = /^\s*\+/.test(text)
  let digits = text.replace(/\D/g, '')
  let strippedCountry = false
  for (;;) {
    if (digits.startsWith('0086')) {
      digits = digits.slice(4)
    } else if (international && digits.startsWith('86')) {
      digits = digits.slice(2)
    } else if (digits.length === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2))) {
      digits = digits.slice(2)
    } else {
      break
    }
    international = false
    strippedCountry = true
  }
  if (strippedCountry && !digits.startsWith('0') && !MOBILE.test(digits)) digits = `0${digits}`
  return digits.length >= 7 && digits.length <= 20 ? digits : null
}

/** Digits of a search query for matching phones: separators and a leading +86/0086 ignored. */
export function phoneQueryDigits(query: string): string {
  const text = query.normalize('NFKC').trim()
  const digits = text.replace(/\D/g, '')
  if (digits.startsWith('0086')) return digits.slice(4)
  if (text.startsWith('+86')) return digits.slice(2)
  return digits
}

import { normalizePhone } from '@outrider/domain'

const ALLOWED = /^[\d\s\-+().#/]*(转|ext\.?|x|#)?[\d\s]*$/i
/** Mobile, landline with area code (0…), 400/800 service number, or a local 7–8 digit number. */
const SHAPES = [/^1[3-9]\d{9}$/, /^0[1-9]\d{8,10}$/, /^[48]00\d{7}$/, /^[2-9]\d{6,7}$/]

/**
 * The canonical digits of a phone number typed into a spreadsheet, or null when it cannot be a
 * Chinese phone number (letters, a mobile with a digit missing, too short).
 */
export function checkedPhone(raw: string): string | null {
  const text = raw.normalize('NFKC').trim()
  if (!ALLOWED.test(text)) return null
  const digits = normalizePhone(text)
  if (digits === null) return null
  return SHAPES.some((s) => s.test(digits)) ? digits : null
}

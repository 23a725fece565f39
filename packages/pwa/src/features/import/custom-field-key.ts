import { quickPinyin } from '@outrider/domain'

/**
 * A custom field's key from a column header: the server takes ASCII keys (letters, digits, _), so
 * 结算方式 becomes `jiesuanfangshi`; a header with nothing usable becomes `field_<n>`.
 */
export function customFieldKey(header: string, n: number): string {
  const ascii = header
    .normalize('NFKC')
    .replace(/[^ -~]+/g, (chinese) => `_${quickPinyin(chinese)}_`)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  const key = /^[a-z]/.test(ascii) ? ascii : `field_${n}${ascii ? `_${ascii}` : ''}`
  return key.slice(0, 64)
}

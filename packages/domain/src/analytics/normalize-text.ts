/** Trading-form endings that say nothing about which shop it is, longest first. */
const COMPANY_SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '有限公司',
  '分公司',
  '总公司',
  '公司',
  '集团',
  '集團',
  '超级市场',
  '超級市場',
  '便利店',
  '便利商店',
  '超市',
  '商贸行',
  '商行',
  '商店',
  '商场',
  '商場',
  '批发部',
  '经营部',
  '门市部',
  '专卖店',
  '店',
]
const LATIN_SUFFIX =
  /[\s,.]+(co\.?,?\s*ltd\.?|ltd\.?|limited|inc\.?|co\.?|company|store|shop|supermarket|mart)\s*$/i
const NOT_WORD = /[^\p{L}\p{N}]+/gu

/** Full-width to half-width, compatibility forms folded, lower case (`ＡＢＣ１２` → `abc12`). */
export function foldWidth(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

/**
 * A name reduced to what identifies it: width folded, lower case, punctuation and spaces gone, and
 * trading-form suffixes (有限公司, 超市, 商行, 店, Co. Ltd …) removed, unless nothing would be left.
 */
export function normalizeName(name: string): string {
  let text = name.normalize('NFKC')
  for (let m = LATIN_SUFFIX.exec(text); m !== null && m.index > 0; m = LATIN_SUFFIX.exec(text)) {
    text = text.slice(0, m.index)
  }
  text = text.toLowerCase().replace(NOT_WORD, '')
  for (let changed = true; changed; ) {
    changed = false
    for (const suffix of COMPANY_SUFFIXES) {
      if (text.length > suffix.length && text.endsWith(suffix)) {
        text = text.slice(0, -suffix.length)
        changed = true
        break
      }
    }
  }
  return text
}

const HAN = '\\p{Script=Han}'
const ADMIN_LEVELS = [
  new RegExp(`^${HAN}{2,7}?(省|自治区|特别行政区)`, 'u'),
  new RegExp(`^${HAN}{2,7}?市`, 'u'),
  new RegExp(`^${HAN}{1,7}?(区|县|旗)`, 'u'),
]

/**
 * An address reduced for comparison: width folded, punctuation and spaces gone, and the leading
 * country / province / city / district (省, 市, 区, 县 …, and the customer's own city and district
 * if given) removed, so `广东省广州市天河区体育西路１０３号` and `天河区体育西路103号` compare equal.
 */
export function normalizeAddress(address: string, city?: string, district?: string): string {
  let text = foldWidth(address).replace(NOT_WORD, '')
  if (text.startsWith('中国')) text = text.slice(2)
  for (const level of ADMIN_LEVELS) {
    const m = level.exec(text)
    if (m !== null && m[0].length < text.length) text = text.slice(m[0].length)
  }
  for (const place of [city, district]) {
    if (place === undefined) continue
    const base = foldWidth(place)
      .replace(NOT_WORD, '')
      .replace(/(市|区|县)$/, '')
    if (base.length >= 2 && text.startsWith(base) && text.length > base.length) text = text.slice(base.length)
  }
  return text
}

/** Dice coefficient of character bigrams, 0…1 (1 for equal strings). */
export function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1
  if (a.length < 2 || b.length < 2) return 0
  const grams = new Map<string, number>()
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2)
    grams.set(g, (grams.get(g) ?? 0) + 1)
  }
  let shared = 0
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2)
    const left = grams.get(g) ?? 0
    if (left > 0) {
      shared++
      grams.set(g, left - 1)
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1))
}

/**
 * Similarity of two normalized addresses, 0…1. One holding the other (a shortened form) counts as 0.9;
 * house numbers with none in common cap it at 0.5, since those are different doors on one street.
 */
export function addressSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0
  if (a === b) return 1
  const shorter = a.length < b.length ? a : b
  const longer = shorter === a ? b : a
  if (shorter.length >= 5 && longer.includes(shorter)) return 0.9
  const numbersA: string[] = a.match(/\d+/g) ?? []
  const numbersB: string[] = b.match(/\d+/g) ?? []
  const dice = diceSimilarity(a, b)
  const shareNumber = numbersA.some((n) => numbersB.includes(n))
  return numbersA.length > 0 && numbersB.length > 0 && !shareNumber ? Math.min(dice, 0.5) : dice
}

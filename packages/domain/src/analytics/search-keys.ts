import { pinyin } from 'pinyin-pro'

// The only module that imports pinyin-pro (a large dictionary): search and matching work from the keys
// computed here and stored on the customer, so a UI bundle can load this lazily, e.g. when saving.

interface Spelling {
  full: string
  initials: string
}

const WORD = /[\p{L}\p{N}]+/gu

function spell(text: string): Spelling {
  let full = ''
  let initials = ''
  const parts = pinyin(text.normalize('NFKC'), {
    type: 'all',
    toneType: 'none',
    nonZh: 'consecutive',
    v: true,
    surname: 'head',
  })
  for (const part of parts) {
    if (part.isZh && part.pinyin !== '') {
      full += part.pinyin
      initials += part.pinyin[0]
      continue
    }
    // Latin words and digits: kept whole in the full key, one letter a word (digits whole) in the initials.
    for (const word of part.origin.toLowerCase().match(WORD) ?? []) {
      full += word
      initials += /^\d+$/.test(word) ? word : word[0]
    }
  }
  return { full: full.toLowerCase(), initials: initials.toLowerCase() }
}

/** Full pinyin without tones or spaces (`张三` → `zhangsan`); Latin text lower-cased, separators dropped. */
export function fullPinyin(text: string): string {
  return spell(text).full
}

const charCache = new Map<string, string>()
const HAN_CHAR = /\p{Script=Han}/u

/**
 * Full pinyin read one character at a time (its most common reading), cached per character: cheaper
 * than `fullPinyin`'s reading of whole words and consistent for both sides of a comparison, which is
 * what duplicate detection over thousands of names needs; stored search keys use the careful reading.
 */
export function quickPinyin(text: string): string {
  // Joined once rather than appended to: a string built by `+=` is a chain of pieces until read,
  // and a duplicate index keeps the sounds of 100,000 lines.
  const out: string[] = []
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    if (HAN_CHAR.test(ch)) {
      let sound = charCache.get(ch)
      if (sound === undefined) {
        sound = pinyin(ch, { toneType: 'none', v: true })
        charCache.set(ch, sound)
      }
      out.push(sound)
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      out.push(ch)
    }
  }
  return out.join('')
}

/**
 * Search keys stored on a customer: the name as written, its full pinyin (`zhangsan`) and its
 * initials (`zs`), distinct, each at most 200 characters (the model's limit).
 */
export function searchKeysFor(name: string): string[] {
  const original = name.trim()
  const { full, initials } = spell(original)
  const keys: string[] = []
  for (const key of [original, full, initials]) {
    const k = key.slice(0, 200)
    if (k !== '' && !keys.includes(k)) keys.push(k)
  }
  return keys
}

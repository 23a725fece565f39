import type { Customer, GeoPoint } from '../model/index.ts'
import { formatDistance, haversineMeters } from './geo-distance.ts'
import { normalizePhone } from './normalize-phone.ts'
import {
  addressSimilarity,
  diceSimilarity,
  foldWidth,
  normalizeAddress,
  normalizeName,
} from './normalize-text.ts'

/** What duplicate detection reads from a customer (a structural subset, so import rows work too). */
export type DuplicateCandidate = Pick<Customer, 'id' | 'name' | 'address' | 'city' | 'location'> &
  Partial<Pick<Customer, 'phone' | 'district' | 'mergedInto' | 'deleted'>> & {
    /** More numbers for the same customer, e.g. its contacts' phones. */
    extraPhones?: readonly string[]
  }

/** One piece of evidence for or against two records being the same customer. */
export interface DuplicateReason {
  code:
    | 'same_phone'
    | 'different_phone'
    | 'same_name'
    | 'same_name_sound'
    | 'similar_name'
    | 'different_name'
    | 'same_address'
    | 'similar_address'
    | 'nearby'
    | 'far_apart'
  /** Added to the score (negative = evidence against). */
  weight: number
  en: string
  zh: string
}

/** A record prepared once for comparison. */
export interface DuplicateProfile {
  id: string
  phones: string[]
  /** Normalized name (suffixes like 有限公司 removed). */
  name: string
  /** Full pinyin of the normalized name: 张三, 張三, Zhang San and 张 三 all give `zhangsan`. */
  sound: string
  address: string
  city: string
  location: GeoPoint | null
}

export function profileOf(c: DuplicateCandidate, pinyinOf: (text: string) => string): DuplicateProfile {
  const phones = new Set<string>()
  for (const raw of [c.phone, ...(c.extraPhones ?? [])]) {
    const phone = normalizePhone(raw)
    if (phone !== null) phones.add(phone)
  }
  const name = normalizeName(c.name)
  return {
    id: c.id,
    phones: [...phones],
    name,
    sound: pinyinOf(name),
    address: normalizeAddress(c.address, c.city, c.district),
    city: foldWidth(c.city),
    location: c.location,
  }
}

/** Weights of the evidence; a pair is reported at 0.6 by default. */
export const DUPLICATE_WEIGHTS = {
  samePhone: 0.65,
  differentPhone: -0.2,
  sameName: 0.5,
  sameNameSound: 0.45,
  similarName: 0.25,
  differentName: -0.25,
  sameAddress: 0.3,
  similarAddress: 0.2,
  within50m: 0.2,
  within300m: 0.15,
  over3km: -0.4,
} as const

/**
 * Adds up the evidence that two records are one customer, clamped to 0…1. Symmetric: every feature
 * compares the two sides the same way, so score(a, b) = score(b, a).
 */
export function scoreDuplicate(
  a: DuplicateProfile,
  b: DuplicateProfile,
): { score: number; reasons: DuplicateReason[] } {
  const w = DUPLICATE_WEIGHTS
  const reasons: DuplicateReason[] = []
  const shared = a.phones.filter((p) => b.phones.includes(p)).sort()
  if (shared.length > 0) {
    reasons.push({
      code: 'same_phone',
      weight: w.samePhone,
      en: `Same phone number (${shared[0]})`,
      zh: `电话号码相同（${shared[0]}）`,
    })
  } else if (a.phones.length > 0 && b.phones.length > 0) {
    reasons.push({
      code: 'different_phone',
      weight: w.differentPhone,
      en: 'Different phone numbers',
      zh: '电话号码不同',
    })
  }

  if (a.name === b.name) {
    reasons.push({
      code: 'same_name',
      weight: w.sameName,
      en: `Same name (${a.name})`,
      zh: `名称相同（${a.name}）`,
    })
  } else if (a.sound !== '' && a.sound === b.sound) {
    reasons.push({
      code: 'same_name_sound',
      weight: w.sameNameSound,
      en: `Same name written differently (pinyin ${a.sound})`,
      zh: `名称写法不同但读音相同（拼音 ${a.sound}）`,
    })
  } else {
    const similarity = Math.max(diceSimilarity(a.name, b.name), diceSimilarity(a.sound, b.sound))
    const pct = `${Math.round(similarity * 100)}%`
    if (similarity >= 0.75) {
      reasons.push({
        code: 'similar_name',
        weight: w.similarName,
        en: `Similar names (${pct})`,
        zh: `名称相似（${pct}）`,
      })
    } else if (similarity < 0.4) {
      reasons.push({ code: 'different_name', weight: w.differentName, en: 'Different names', zh: '名称不同' })
    }
  }

  const address = addressSimilarity(a.address, b.address)
  if (address >= 0.95) {
    reasons.push({ code: 'same_address', weight: w.sameAddress, en: 'Same address', zh: '地址相同' })
  } else if (address >= 0.8) {
    const pct = `${Math.round(address * 100)}%`
    reasons.push({
      code: 'similar_address',
      weight: w.similarAddress,
      en: `Similar address (${pct})`,
      zh: `地址相似（${pct}）`,
    })
  }

  if (a.location !== null && b.location !== null) {
    const meters = haversineMeters(a.location, b.location)
    const d = formatDistance(meters)
    if (meters <= 50)
      reasons.push({ code: 'nearby', weight: w.within50m, en: `${d.en} apart`, zh: `相距 ${d.zh}` })
    else if (meters <= 300)
      reasons.push({ code: 'nearby', weight: w.within300m, en: `${d.en} apart`, zh: `相距 ${d.zh}` })
    else if (meters > 3000)
      reasons.push({ code: 'far_apart', weight: w.over3km, en: `${d.en} apart`, zh: `相距 ${d.zh}` })
  }

  let sum = 0
  for (const r of reasons) sum += r.weight
  return { score: Math.round(Math.min(1, Math.max(0, sum)) * 1000) / 1000, reasons }
}

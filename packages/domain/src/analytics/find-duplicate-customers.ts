import {
  type DuplicateCandidate,
  type DuplicateProfile,
  type DuplicateReason,
  profileOf,
  scoreDuplicate,
} from './duplicate-score.ts'
import { gridCell, haversineMeters } from './geo-distance.ts'
import { quickPinyin } from './search-keys.ts'

export interface DuplicatePair {
  /** Id of a candidate. */
  a: string
  /** Id of another candidate, or of an existing customer. */
  b: string
  score: number
  reasons: DuplicateReason[]
}

export interface DuplicateOptions {
  /** Pairs scoring at least this are reported. Default 0.6. */
  threshold?: number
  /** Blocks (same phone, same name sound, same address, grid cell) larger than this are skipped as junk. Default 200. */
  maxBlockSize?: number
  /** Name → pinyin; defaults to `quickPinyin` (pinyin-pro, per character). */
  pinyinOf?: (text: string) => string
}

/**
 * Pairs of records that are probably the same customer: among `candidates`, and between candidates and
 * `existing` ones (never existing with existing). Only records sharing a block — a normalized phone, the
 * pinyin of the name, the normalized address, or lying within 300 m (found through a grid) — are compared,
 * so 10,000 customers cost about a comparison per neighbour, not n². Merged or deleted records are
 * skipped. Sorted by score, highest first.
 */
export function findDuplicateCustomers(
  candidates: readonly DuplicateCandidate[],
  existing: readonly DuplicateCandidate[] = [],
  options: DuplicateOptions = {},
): DuplicatePair[] {
  const search = searchDuplicateCustomers(candidates, existing, options)
  for (;;) {
    const step = search.next()
    if (step.done) return step.value
  }
}

/** Records profiled or pairs compared between two pauses of `searchDuplicateCustomers`. */
const STEP = 500

/**
 * `findDuplicateCustomers` as a generator that pauses every few hundred records or comparisons, so a
 * server can give other requests a turn while it searches a 100,000-line import (same pairs).
 */
export function* searchDuplicateCustomers(
  candidates: readonly DuplicateCandidate[],
  existing: readonly DuplicateCandidate[] = [],
  options: DuplicateOptions = {},
): Generator<void, DuplicatePair[]> {
  const threshold = options.threshold ?? 0.6
  const maxBlock = options.maxBlockSize ?? 200
  const pinyinOf = options.pinyinOf ?? quickPinyin
  const live = (c: DuplicateCandidate): boolean => c.mergedInto === undefined && c.deleted !== true
  const records = [...candidates.filter(live), ...existing.filter(live)]
  const candidateCount = candidates.filter(live).length
  const profiles: DuplicateProfile[] = []
  for (const c of records) {
    profiles.push(profileOf(c, pinyinOf))
    if (profiles.length % STEP === 0) yield
  }
  const n = profiles.length
  let work = 0

  const seen = new Set<number>()
  const out: DuplicatePair[] = []
  const consider = (i: number, j: number): void => {
    if (i === j) return
    const lo = Math.min(i, j)
    const hi = Math.max(i, j)
    if (lo >= candidateCount) return
    const key = lo * n + hi
    if (seen.has(key)) return
    seen.add(key)
    work++
    const a = profiles[lo]!
    const b = profiles[hi]!
    if (a.id === b.id) return
    const { score, reasons } = scoreDuplicate(a, b)
    if (score >= threshold) out.push({ a: a.id, b: b.id, score, reasons })
  }

  for (const members of blocks(profiles).values()) {
    if (members.length > maxBlock) continue
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) consider(members[x]!, members[y]!)
      if (work >= STEP) {
        work = 0
        yield
      }
    }
  }
  for (const _ of nearbyPairs(profiles, maxBlock, consider)) {
    if (work >= STEP) {
      work = 0
      yield
    }
  }
  return out.sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1))
}

function blocks(profiles: readonly DuplicateProfile[]): Map<string, number[]> {
  const map = new Map<string, number[]>()
  const put = (key: string, i: number): void => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [i])
    else list.push(i)
  }
  profiles.forEach((p, i) => {
    for (const key of blockKeysOf(p)) put(key, i)
  })
  return map
}

/** The kinds of block: records sharing a phone, the sound of their name, or their address. */
export type BlockKind = 'phone' | 'sound' | 'address'

/** The blocks a record belongs to, by kind: each of its phones, the sound of its name, its address. */
export function blocksOf(p: DuplicateProfile): [BlockKind, string][] {
  const out: [BlockKind, string][] = p.phones.map((phone) => ['phone', phone])
  if (p.sound.length >= 2) out.push(['sound', p.sound])
  if (p.address.length >= 6) out.push(['address', p.address])
  return out
}

const blockPrefix: Record<BlockKind, string> = { phone: 'p', sound: 'n', address: 'a' }
const blockKeysOf = (p: DuplicateProfile) =>
  blocksOf(p).map(([kind, value]) => `${blockPrefix[kind]}:${value}`)

/** Records further apart than this are not paired by place (other blocks may still pair them). */
export const NEARBY_METERS = 300

/** The grid cell's key of a located record (see `gridCell`). */
export function cellKeyOf(row: number, col: number): string {
  return `${row}:${col}`
}

/**
 * Pairs of located records within `NEARBY_METERS`, found through the same or neighbouring grid cells;
 * pauses after each record's neighbours.
 */
function* nearbyPairs(
  profiles: readonly DuplicateProfile[],
  maxBlock: number,
  consider: (i: number, j: number) => void,
): Generator<void, void> {
  const cells = new Map<string, number[]>()
  profiles.forEach((p, i) => {
    if (p.location === null) return
    const { row, col } = gridCell(p.location)
    const key = cellKeyOf(row, col)
    const list = cells.get(key)
    if (list === undefined) cells.set(key, [i])
    else list.push(i)
  })
  for (const [key, members] of cells) {
    if (members.length > maxBlock) continue
    const [row, col] = key.split(':').map(Number) as [number, number]
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const other = cells.get(cellKeyOf(row + dr, col + dc))
        if (other === undefined || other.length > maxBlock) continue
        for (const i of members) {
          const here = profiles[i]!.location!
          for (const j of other)
            if (i < j && haversineMeters(here, profiles[j]!.location!) <= NEARBY_METERS) consider(i, j)
          yield
        }
      }
    }
  }
}

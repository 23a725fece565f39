import {
  type DuplicateCandidate,
  type DuplicateProfile,
  profileOf,
  scoreDuplicate,
} from './duplicate-score.ts'
import {
  type BlockKind,
  blocksOf,
  cellKeyOf,
  type DuplicateOptions,
  type DuplicatePair,
  NEARBY_METERS,
} from './find-duplicate-customers.ts'
import { gridCell, haversineMeters } from './geo-distance.ts'
import { quickPinyin } from './search-keys.ts'

/**
 * A block's or grid cell's members while it is small enough to pair (one member as a bare number,
 * the usual case, to keep the index small); `full` once past `maxBlockSize`.
 */
type Members = number | number[] | 'full'
type Place = [kind: BlockKind | 'cell', value: string]

/** A pair scoring at least the threshold, with every block or pair of cells that brought it up. */
type Found = DuplicatePair & { blocks: Place[]; cells: [string, string][] }

export type DuplicateIndex = {
  /** A new candidate (e.g. the next line of a file), compared at once with everything added before. */
  add(candidate: DuplicateCandidate): void
  /** The pairs found so far, as `findDuplicateCustomers(candidates added, existing)` returns them. */
  pairs(): DuplicatePair[]
}

/**
 * `findDuplicateCustomers` one candidate at a time: the existing records are indexed once, and each
 * candidate is compared on arrival with the members of its blocks and neighbouring grid cells, so
 * a caller reading a long file keeps neither its lines nor their candidates, only the compact
 * profiles the index compares. A block or cell that grows past `maxBlockSize` stops being compared
 * and forgets its members; since sizes only grow, a pair found through it while it was small is
 * dropped at the end unless another block or cell (still small) also brought it up. The result is
 * the batch search's, pair for pair.
 */
export function createDuplicateIndex(
  existing: readonly DuplicateCandidate[] = [],
  options: DuplicateOptions = {},
): DuplicateIndex {
  const threshold = options.threshold ?? 0.6
  const maxBlock = options.maxBlockSize ?? 200
  const pinyinOf = options.pinyinOf ?? quickPinyin
  const live = (c: DuplicateCandidate): boolean => c.mergedInto === undefined && c.deleted !== true
  const profiles: DuplicateProfile[] = []
  // Keyed by the record's own strings (no prefixed copies): one map per kind of block.
  const places: Record<Place[0], Map<string, Members>> = {
    phone: new Map(),
    sound: new Map(),
    address: new Map(),
    cell: new Map(),
  }
  // Cities repeat: one copy of each.
  const cities = new Map<string, string>()
  const found: Found[] = []
  // Existing records come first here but after every candidate in the batch search: a pair's
  // first record (`a`) is the candidate, or the earlier candidate of two.
  const existingCount = existing.filter(live).length
  const before = (i: number, j: number) =>
    i >= existingCount === j >= existingCount ? i < j : i >= existingCount
  const membersOf = (m: Members | undefined): readonly number[] =>
    m === undefined || m === 'full' ? [] : typeof m === 'number' ? [m] : m

  /** Adds record `j` to a block or cell: false when that is (now) full, so it pairs nothing. */
  const join = ([kind, value]: Place, j: number): boolean => {
    const map = places[kind]
    const m = map.get(value)
    if (m === 'full') return false
    if (m === undefined) map.set(value, j)
    else if (membersOf(m).length + 1 > maxBlock) map.set(value, 'full')
    else if (typeof m === 'number') map.set(value, [m, j])
    else m.push(j)
    return map.get(value) !== 'full'
  }

  const insert = (c: DuplicateCandidate, compare: boolean) => {
    const j = profiles.length
    const p = profileOf(c, pinyinOf)
    let city = cities.get(p.city)
    if (city === undefined) {
      city = p.city
      cities.set(city, city)
    }
    profiles.push({ ...p, city })
    // Partners of `j`, each with the blocks and cell pairs that brought it up.
    const partners = new Map<number, { blocks: Place[]; cells: [string, string][] }>()
    const witness = (i: number) => {
      let w = partners.get(i)
      if (w === undefined) {
        w = { blocks: [], cells: [] }
        partners.set(i, w)
      }
      return w
    }
    for (const block of blocksOf(p)) {
      if (!join(block, j) || !compare) continue
      for (const i of membersOf(places[block[0]].get(block[1]))) if (i !== j) witness(i).blocks.push(block)
    }
    if (p.location !== null) {
      const { row, col } = gridCell(p.location)
      const own = cellKeyOf(row, col)
      // A cell that is (now) full pairs nothing by place.
      if (join(['cell', own], j) && compare)
        for (let dr = -1; dr <= 1; dr++)
          for (let dc = -1; dc <= 1; dc++) {
            const key = cellKeyOf(row + dr, col + dc)
            for (const i of membersOf(places.cell.get(key))) {
              if (i === j) continue
              const [lo, hi] = before(i, j) ? [i, j] : [j, i]
              if (haversineMeters(profiles[lo]!.location!, profiles[hi]!.location!) <= NEARBY_METERS)
                witness(i).cells.push([key, own])
            }
          }
    }
    for (const [i, w] of partners) {
      const [lo, hi] = before(i, j) ? [i, j] : [j, i]
      const a = profiles[lo]!
      const b = profiles[hi]!
      if (a.id === b.id) continue
      const { score, reasons } = scoreDuplicate(a, b)
      if (score >= threshold) found.push({ a: a.id, b: b.id, score, reasons, ...w })
    }
  }

  for (const c of existing) if (live(c)) insert(c, false)
  return {
    add(candidate) {
      if (live(candidate)) insert(candidate, true)
    },
    pairs: () => keptPairs(found, places),
  }
}

/** The pairs found through a block, or a pair of cells, still small at the end; sorted as the batch sorts. */
function keptPairs(found: readonly Found[], places: Record<Place[0], Map<string, Members>>): DuplicatePair[] {
  const small = ([kind, value]: Place) => places[kind].get(value) !== 'full'
  return found
    .filter((f) => f.blocks.some(small) || f.cells.some(([x, y]) => small(['cell', x]) && small(['cell', y])))
    .map(({ a, b, score, reasons }) => ({ a, b, score, reasons }))
    .sort((p, q) => q.score - p.score || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1))
}

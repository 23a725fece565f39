import { createDuplicateIndex, type DuplicateCandidate, type DuplicatePair } from '@outrider/domain'
import type { ImportDuplicate } from './import-report.ts'

/** A duplicate as the detector sees it, before the import decides what to do with it. */
export type DetectedDuplicate = Pick<ImportDuplicate, 'line' | 'matches' | 'evidence'>

const lineOf = (id: string): number | null => (id.startsWith('#line:') ? Number(id.slice(6)) : null)

/**
 * Duplicates among the lines of a file and against existing customers (the domain's
 * `findDuplicateCustomers`). A pair of lines is reported once, on the later line, so skipping or
 * merging duplicates keeps the first occurrence; a line like an existing customer names that customer.
 */
export function findImportDuplicates(
  lines: readonly { line: number; candidate: DuplicateCandidate }[],
  existing: readonly DuplicateCandidate[],
): DetectedDuplicate[] {
  const search = importDuplicateSearch(existing)
  for (const l of lines) search.add(l.candidate)
  return search.detected()
}

/**
 * `findImportDuplicates` as the lines come: each line's candidate is compared on arrival with the
 * stored customers and the lines before it (`createDuplicateIndex`), so a file read a piece at a
 * time is searched without keeping its lines.
 */
export function importDuplicateSearch(existing: readonly DuplicateCandidate[]) {
  const index = createDuplicateIndex(existing)
  return {
    /** The next line's candidate (its id `#line:<n>`). */
    add: (candidate: DuplicateCandidate) => index.add(candidate),
    detected: () => byLine(index.pairs()),
  }
}

function byLine(pairs: readonly DuplicatePair[]): DetectedDuplicate[] {
  const out = new Map<number, DetectedDuplicate>()
  for (const p of pairs) {
    const a = lineOf(p.a)
    const b = lineOf(p.b)
    let line: number
    let match: number | string
    if (a !== null && b !== null) {
      line = Math.max(a, b)
      match = Math.min(a, b)
    } else if (a !== null) {
      line = a
      match = p.b
    } else if (b !== null) {
      line = b
      match = p.a
    } else continue
    const entry = out.get(line) ?? { line, matches: [], evidence: [] }
    out.set(line, entry)
    if (entry.matches.includes(match)) continue
    entry.matches.push(match)
    entry.evidence.push({
      match,
      score: p.score,
      en: p.reasons.map((r) => r.en).join('; '),
      zh: p.reasons.map((r) => r.zh).join('；'),
    })
  }
  return [...out.values()].sort((x, y) => x.line - y.line)
}

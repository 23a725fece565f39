/** `exact`: the same line again (every mapped cell equal); `likely`: the duplicate detector's match. */
export type DuplicateKind = 'exact' | 'likely'

/** What happens to one line: inserted as new, skipped, merged into a stored customer, or held for review. */
export type ImportLineAction = { action: 'new' | 'skip' | 'review' } | { action: 'merge'; into: string }

/** For duplicates nobody decided on: the defaults, every one skipped, or likely ones imported as new. */
export type DuplicatePolicy = 'default' | 'skip' | 'new'

export type ImportCounts = {
  /** Lines that would be inserted as new records. */
  insert: number
  /** Lines folded into an existing customer. */
  merge: number
  /** Valid lines left out (exact duplicates by default, or by decision). */
  skip: number
  /** Likely duplicates waiting for a decision: not imported until someone decides. */
  review: number
  /** Lines with errors: never imported. */
  invalid: number
}

export type PlanImportInput = {
  /** Valid lines in the file. */
  valid: number
  /** Lines with at least one error. */
  invalid: number
  /** Lines that are duplicates or have a decision, with whether they are valid. */
  special: readonly { line: number; valid: boolean; duplicate?: DuplicateKind }[]
  decisions: ReadonlyMap<number, ImportLineAction>
  policy: DuplicatePolicy
}

export type ImportPlan = { counts: ImportCounts; actions: Map<number, ImportLineAction> }

/** The default for a duplicate nobody decided on. */
export function defaultDuplicateAction(kind: DuplicateKind, policy: DuplicatePolicy): ImportLineAction {
  if (kind === 'exact' || policy === 'skip') return { action: 'skip' }
  return { action: policy === 'new' ? 'new' : 'review' }
}

/**
 * What an import does with each line, and how many of each: the one function behind both the
 * preview's counts and the import's, so the two cannot disagree. Lines not in `special` are inserted.
 */
export function planImport(input: PlanImportInput): ImportPlan {
  const counts: ImportCounts = { insert: input.valid, merge: 0, skip: 0, review: 0, invalid: input.invalid }
  const actions = new Map<number, ImportLineAction>()
  const seen = new Set<number>()
  for (const s of input.special) {
    if (!s.valid || seen.has(s.line)) continue
    seen.add(s.line)
    const chosen =
      input.decisions.get(s.line) ??
      (s.duplicate ? defaultDuplicateAction(s.duplicate, input.policy) : { action: 'new' as const })
    actions.set(s.line, chosen)
    if (chosen.action === 'new') continue
    counts.insert--
    counts[chosen.action]++
  }
  return { counts, actions }
}

/** One problem with one line of an imported file; line 1 is the header. */
export type ImportError = {
  line: number
  /** The role of the offending column (`name`, `phone`, …), or `row` for the whole line. */
  field: string
  reason: string
  /** The same reason in Chinese, for the supervisor UI. */
  zh: string
}

/** A line that looks like another line of the file (a line number) or an existing customer (its id). */
export type ImportDuplicate = {
  line: number
  matches: (number | string)[]
  /** Why, per match: the domain's evidence, in both languages. */
  evidence: { match: number | string; score: number; en: string; zh: string }[]
}

export type ImportReport = {
  rows: number
  valid: number
  errors: ImportError[]
  duplicates: ImportDuplicate[]
  imported: number
}

export type ImportOptions = {
  /** Check only; nothing is written. */
  dryRun: boolean
  /** Import the valid lines of a file that has bad ones (otherwise nothing is imported). */
  skipInvalid: boolean
  /** Leave out lines reported as duplicates (otherwise they are imported, or merged when asked). */
  skipDuplicates: boolean
}

/** Who runs an import: a supervisor (their team) or an admin / the CLI (everything). */
export type ImportActor = {
  userId: string | null
  role: 'supervisor' | 'admin'
  teamId: string | null
}

export function lineError(line: number, field: string, reason: string, zh: string): ImportError {
  return { line, field, reason, zh }
}

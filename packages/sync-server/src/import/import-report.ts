import type { DuplicateKind, ImportCounts, ImportLineAction, TextEncoding } from '@outrider/domain'
import type { Actor } from '../people/audit-log.ts'

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
  /** `exact`: the same line again; `likely`: what the duplicate detector found. */
  kind: DuplicateKind
  /** Whether the line itself is valid (an invalid line is never imported, whatever it duplicates). */
  valid: boolean
  /** What the import does with it: the decision sent, or the default (exact → skip, likely → review). */
  action: ImportLineAction
}

export type ImportReport = {
  /** How the file's bytes were read (`utf-8` when the text came as text). */
  encoding: TextEncoding
  rows: number
  valid: number
  errors: ImportError[]
  duplicates: ImportDuplicate[]
  /** What the import does (a dry run: would do) with the lines, from `planImport`. */
  counts: ImportCounts
  /** Bad lines block the whole import unless they are skipped. */
  blocked: boolean
  imported: number
}

export type ImportOptions = {
  /** Check only; nothing is written. */
  dryRun: boolean
  /** Import the valid lines of a file that has bad ones (otherwise nothing is imported). */
  skipInvalid: boolean
  /** Leave out every line reported as a duplicate that has no decision. */
  skipDuplicates: boolean
  /** Import likely duplicates without a decision as new (exact ones are still skipped). */
  importDuplicates?: boolean
}

/** Who runs an import: a supervisor (their team) or an admin / the CLI (everything). */
export type ImportActor = {
  userId: string | null
  role: 'supervisor' | 'admin'
  teamId: string | null
}

/** The audit log's actor for an import: the signed-in user, or the command line. */
export const auditActorOf = (a: ImportActor): Actor =>
  a.userId ? { userId: a.userId, role: a.role } : { userId: null, role: 'cli' }

export function lineError(line: number, field: string, reason: string, zh: string): ImportError {
  return { line, field, reason, zh }
}

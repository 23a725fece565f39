import type { ImportError } from '@outrider/domain'
import type { Actor } from '../people/audit-log.ts'

export type { ImportDuplicate, ImportError, ImportReport } from '@outrider/domain'

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

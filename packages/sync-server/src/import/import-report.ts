import type { ImportError, ImportProgress } from '@outrider/domain'
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
  /** Hears how far the import got, a few times a second at most. */
  onProgress?: (progress: ImportProgress) => void
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

/** Progress reports of one import, at most one per `everyMs` except the last of each phase. */
export function progressReporter(options: Pick<ImportOptions, 'onProgress'>, everyMs = 200) {
  let last = 0
  return (progress: ImportProgress) => {
    const now = performance.now()
    if (!options.onProgress || (now - last < everyMs && progress.done < progress.total)) return
    last = now
    options.onProgress(progress)
  }
}

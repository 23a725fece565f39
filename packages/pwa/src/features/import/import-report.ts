import type { DuplicateKind, ImportCounts, ImportLineAction, TextEncoding } from '@outrider/domain'

/** The server's import report (`POST /api/import/*`), as the page reads it. */
export interface ImportReport {
  encoding: TextEncoding
  rows: number
  valid: number
  errors: { line: number; field: string; reason: string; zh?: string }[]
  duplicates: {
    line: number
    matches: (number | string)[]
    evidence: { match: number | string; en: string; zh: string }[]
    kind: DuplicateKind
    valid: boolean
    action: ImportLineAction
  }[]
  counts: ImportCounts
  blocked: boolean
  imported: number
}

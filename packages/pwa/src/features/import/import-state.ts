import type { ImportKind, ImportLineAction, ImportReport, TextEncoding } from '@outrider/domain'
import { guessColumns, restoreColumns } from './guess-columns.ts'
import type { CsvFile } from './read-csv-file.ts'

export type ImportMessage = { ok: boolean; text: string }

/** Everything the import page shows, changed only by `importReducer` (progress lives apart: it ticks). */
export interface ImportState {
  kind: ImportKind
  csv: string | null
  encoding: TextEncoding | null
  /** Data lines of the picked file, as a spreadsheet shows them. */
  lines: number | null
  header: string[]
  fileError: string | null
  source: string
  /** Role (or custom field key) → column of the header. */
  columns: Record<string, string>
  origin: 'guessed' | 'restored' | null
  report: ImportReport | null
  decisions: ReadonlyMap<number, ImportLineAction>
  skipInvalid: boolean
  busy: 'check' | 'import' | null
  message: ImportMessage | null
}

export type ImportAction =
  | { type: 'kind'; kind: ImportKind }
  | { type: 'fileCleared' }
  | { type: 'fileRead'; file: CsvFile }
  | { type: 'fileUnreadable'; error: string }
  | { type: 'source'; source: string }
  | { type: 'mappingRestored'; columns: Record<string, string> }
  | { type: 'mapColumn'; role: string; column: string }
  | { type: 'setColumns'; columns: Record<string, string> }
  | { type: 'decide'; line: number; action: ImportLineAction }
  | { type: 'skipInvalid'; skip: boolean }
  | { type: 'checking' }
  | { type: 'importing' }
  | { type: 'reported'; report: ImportReport; message?: ImportMessage }
  | { type: 'message'; message: ImportMessage }
  | { type: 'idle' }

export function initialImportState(kind: ImportKind): ImportState {
  return {
    kind,
    csv: null,
    encoding: null,
    lines: null,
    header: [],
    fileError: null,
    source: '',
    columns: {},
    origin: null,
    report: null,
    decisions: new Map(),
    skipInvalid: false,
    busy: null,
    message: null,
  }
}

/** A changed file, kind or mapping makes the last preview stale: it and its decisions go. */
function withoutPreview(s: ImportState): ImportState {
  return { ...s, report: null, decisions: new Map(), message: null }
}

export function importReducer(s: ImportState, a: ImportAction): ImportState {
  switch (a.type) {
    case 'kind':
      return { ...withoutPreview(s), kind: a.kind, columns: guessColumns(a.kind, s.header) }
    case 'fileCleared':
      return withoutPreview(s)
    case 'fileRead':
      return {
        ...withoutPreview(s),
        fileError: null,
        csv: a.file.text,
        encoding: a.file.encoding,
        lines: a.file.lines,
        header: a.file.header,
        columns: guessColumns(s.kind, a.file.header),
        origin: 'guessed',
      }
    case 'fileUnreadable':
      return { ...withoutPreview(s), fileError: a.error, csv: null, encoding: null, lines: null, header: [] }
    case 'source':
      return { ...s, source: a.source }
    case 'mappingRestored':
      return { ...s, columns: restoreColumns(s.kind, a.columns, s.header), origin: 'restored' }
    case 'mapColumn': {
      const columns = { ...s.columns }
      if (a.column) columns[a.role] = a.column
      else delete columns[a.role]
      return { ...withoutPreview(s), columns }
    }
    case 'setColumns':
      return { ...withoutPreview(s), columns: a.columns }
    case 'decide':
      return { ...s, decisions: new Map(s.decisions).set(a.line, a.action) }
    case 'skipInvalid':
      return { ...s, skipInvalid: a.skip }
    case 'checking':
      return { ...withoutPreview(s), busy: 'check' }
    case 'importing':
      return { ...s, busy: 'import', message: null }
    case 'reported':
      return { ...s, report: a.report, message: a.message ?? s.message }
    case 'message':
      return { ...s, message: a.message }
    case 'idle':
      return { ...s, busy: null }
  }
}

import {
  type ColumnMapping,
  columnsSchema,
  type ImportKind,
  orderRoles,
  productRoles,
  requiredRoles,
} from '@outrider/domain'
import { type CsvPiece, type CsvTable, parseCsvTable, readCsvInPieces } from './csv-table.ts'
import { ImportInputError } from './import-input-error.ts'

/** The only roles orders and products know (customers take any other role as a custom field). */
const closedRoles: Partial<Record<ImportKind, readonly string[]>> = {
  orders: orderRoles,
  products: productRoles,
}

/** Why a mapping cannot be used with a file, or null: a required role unmapped, or a column missing. */
export function checkColumns(
  kind: ImportKind,
  columns: ColumnMapping,
  header: readonly string[],
): string | null {
  const missingRoles = requiredRoles[kind].filter((r) => !columns[r])
  if (missingRoles.length > 0) return `columns: ${missingRoles.join(', ')} must be mapped`
  const known = closedRoles[kind]
  if (known) {
    const unknown = Object.keys(columns).filter((r) => !known.includes(r))
    if (unknown.length > 0) return `columns: unknown role ${unknown.join(', ')} (use ${known.join(', ')})`
  }
  const absent = Object.values(columns).filter((c) => !header.includes(c))
  if (absent.length > 0)
    return `column ${absent.map((c) => `"${c}"`).join(', ')} not in the file's header (${header.join(', ')})`
  return null
}

/** `name=店名,phone=电话` → mapping; throws a message for a malformed part. */
export function parseColumnSpec(spec: string): ColumnMapping {
  const out: ColumnMapping = {}
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=')
    const role = eq < 0 ? '' : part.slice(0, eq).trim()
    const column = eq < 0 ? '' : part.slice(eq + 1).trim()
    if (role === '' || column === '') throw new Error(`--columns: "${part}" is not ROLE=COLUMN`)
    out[role] = column
  }
  const parsed = columnsSchema.safeParse(out)
  if (!parsed.success) throw new Error(`--columns: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  return parsed.data
}

/** Reads a role's cell from a row ('' when the role is not mapped). */
export function columnReader(header: readonly string[], columns: ColumnMapping) {
  const index = new Map(Object.entries(columns).map(([role, col]) => [role, header.indexOf(col)]))
  return (cells: readonly string[], role: string): string => {
    const i = index.get(role)
    return i === undefined || i < 0 ? '' : (cells[i] ?? '')
  }
}

/** The file read as a table, with its mapping checked against the header: where every import starts. */
export function mappedTable(kind: ImportKind, request: { csv: string; columns: ColumnMapping }): CsvTable {
  const table = parseCsvTable(request.csv)
  if ('error' in table) throw new ImportInputError(table.error)
  const problem = checkColumns(kind, request.columns, table.header)
  if (problem) throw new ImportInputError(problem)
  return table
}

/**
 * `mappedTable` a piece at a time (`readCsvInPieces`): the mapping is checked against the header
 * before the first piece is handed over, and the file's lines are never all held at once. Resolves
 * with how many data lines (rows and malformed records) the file has.
 */
export async function readMappedPieces(
  kind: ImportKind,
  request: { csv: string; columns: ColumnMapping },
  onPiece: (piece: CsvPiece, read: number, total: number) => Promise<void> | void,
): Promise<{ lines: number }> {
  let mapped = false
  let lines = 0
  const check = (header: readonly string[]) => {
    const problem = checkColumns(kind, request.columns, header)
    if (problem) throw new ImportInputError(problem)
    mapped = true
  }
  const read = await readCsvInPieces(request.csv, async (piece, done, total) => {
    if (!mapped) check(piece.header)
    lines += piece.rows.length + piece.malformed.length
    await onPiece(piece, done, total)
  })
  if ('error' in read) throw new ImportInputError(read.error)
  if (!mapped) check(read.header)
  return { lines }
}

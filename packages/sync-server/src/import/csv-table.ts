import Papa from 'papaparse'

export type CsvRow = {
  /** Line number in the file, the header being line 1 (a record with a quoted line break counts once). */
  line: number
  cells: string[]
}

export type CsvTable = {
  header: string[]
  rows: CsvRow[]
  /** Records whose number of cells differs from the header's, or with broken quoting. */
  malformed: { line: number; reason: string; zh: string }[]
}

/** The records of a piece of a file, as they come: the header first, then rows and malformed records. */
class RecordReader {
  header: string[] | null = null
  private records = 0

  add(records: readonly string[][], errors: readonly Papa.ParseError[]) {
    const rows: CsvRow[] = []
    const malformed: CsvTable['malformed'] = []
    const broken = new Map<number, string>()
    for (const e of errors) if (e.row !== undefined && e.type === 'Quotes') broken.set(e.row, e.message)
    records.forEach((cells, i) => {
      const index = this.records++
      if (this.header === null) {
        this.header = cells.map((h) => h.trim())
        return
      }
      const line = index + 1
      if (cells.length === 1 && (cells[0] ?? '').trim() === '') return
      const quote = broken.get(i)
      if (quote !== undefined) {
        malformed.push({ line, reason: `broken quoting: ${quote}`, zh: '引号不匹配' })
      } else if (cells.length !== this.header.length) {
        malformed.push({
          line,
          reason: `expected ${this.header.length} columns, found ${cells.length}`,
          zh: `应有 ${this.header.length} 列，实际 ${cells.length} 列`,
        })
      } else {
        rows.push({ line, cells: cells.map((c) => c.trim()) })
      }
    })
    return { rows, malformed }
  }

  /** The header, or why the file has none (known once the first record is read). */
  checkedHeader(): { header: string[] } | { error: string } {
    const header = this.header ?? []
    if (header.length === 0 || header.every((h) => h === '')) return { error: 'the file has no header line' }
    return { header }
  }
}

/** Collects a file's records into a table, in order, as the parser hands them over. */
class TableBuilder {
  private readonly reader = new RecordReader()
  private readonly rows: CsvRow[] = []
  private readonly malformed: CsvTable['malformed'] = []

  add(records: readonly string[][], errors: readonly Papa.ParseError[]) {
    const piece = this.reader.add(records, errors)
    this.rows.push(...piece.rows)
    this.malformed.push(...piece.malformed)
  }

  table(): CsvTable | { error: string } {
    const checked = this.reader.checkedHeader()
    if ('error' in checked) return checked
    return { header: checked.header, rows: this.rows, malformed: this.malformed }
  }
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)

/**
 * Reads a CSV file's text (UTF-8, a leading BOM tolerated): the header and the data rows, with blank
 * lines skipped but still counted, so line numbers match what a spreadsheet shows.
 */
export function parseCsvTable(text: string): CsvTable | { error: string } {
  const parsed = Papa.parse<string[]>(withoutBom(text), { header: false, skipEmptyLines: false })
  const builder = new TableBuilder()
  builder.add(parsed.data, parsed.errors)
  return builder.table()
}

/** Characters of text parsed between two turns of the event loop (a piece of about 1,000 lines). */
const CHUNK = 64 * 1024

/** A piece of a file read by `readCsvInPieces`: the header, and this piece's records. */
export type CsvPiece = CsvTable

/**
 * A file's records a piece at a time, never all at once: `onPiece` gets each piece's rows and
 * malformed records (line numbers as `parseCsvTable` gives them) with how many characters are read,
 * and the next piece is parsed only once it is done (and the event loop had a turn), so a reader
 * that writes each piece sets the pace. Resolves with the header, or why the file has none (then no
 * piece was handed over); an error thrown by `onPiece` stops the reading and rejects.
 */
export function readCsvInPieces(
  text: string,
  onPiece: (piece: CsvPiece, read: number, total: number) => Promise<void> | void,
): Promise<{ header: string[] } | { error: string }> {
  const body = withoutBom(text)
  const reader = new RecordReader()
  let read = 0
  let settled = false
  return new Promise((resolve, reject) => {
    const settle = (parser: Papa.Parser | null, outcome: () => void) => {
      if (settled) return
      settled = true
      parser?.abort()
      outcome()
    }
    Papa.parse<string[]>(body, {
      header: false,
      skipEmptyLines: false,
      chunkSize: CHUNK,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        let piece: ReturnType<RecordReader['add']>
        try {
          piece = reader.add(results.data, results.errors)
        } catch (err) {
          settle(parser, () => reject(err))
          return
        }
        if (reader.header === null) return
        const checked = reader.checkedHeader()
        if ('error' in checked) {
          settle(parser, () => resolve(checked))
          return
        }
        read = Math.min(body.length, read + CHUNK)
        parser.pause()
        Promise.resolve()
          .then(() => onPiece({ header: checked.header, ...piece }, read, body.length))
          .then(
            () => setImmediate(() => parser.resume()),
            (err: unknown) => settle(parser, () => reject(err)),
          )
      },
      complete: () => settle(null, () => resolve(reader.checkedHeader())),
      error: (err: Error) => settle(null, () => reject(err)),
    })
  })
}

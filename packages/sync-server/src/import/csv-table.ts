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

/** Collects a file's records into a table, in order, as the parser hands them over. */
class TableBuilder {
  private header: string[] | null = null
  private readonly rows: CsvRow[] = []
  private readonly malformed: CsvTable['malformed'] = []
  private records = 0

  add(records: readonly string[][], errors: readonly Papa.ParseError[]) {
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
        this.malformed.push({ line, reason: `broken quoting: ${quote}`, zh: '引号不匹配' })
      } else if (cells.length !== this.header.length) {
        this.malformed.push({
          line,
          reason: `expected ${this.header.length} columns, found ${cells.length}`,
          zh: `应有 ${this.header.length} 列，实际 ${cells.length} 列`,
        })
      } else {
        this.rows.push({ line, cells: cells.map((c) => c.trim()) })
      }
    })
  }

  table(): CsvTable | { error: string } {
    const header = this.header ?? []
    if (header.length === 0 || header.every((h) => h === '')) return { error: 'the file has no header line' }
    return { header, rows: this.rows, malformed: this.malformed }
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

/** Bytes of text parsed between two turns of the event loop. */
const CHUNK = 256 * 1024

/**
 * `parseCsvTable` a piece at a time, giving the event loop a turn between pieces, so a server reading
 * a 100,000-line file still answers everyone else; `onChunk` hears how many characters are read.
 */
export function parseCsvTableInChunks(
  text: string,
  onChunk: (read: number, total: number) => void = () => {},
): Promise<CsvTable | { error: string }> {
  const body = withoutBom(text)
  const builder = new TableBuilder()
  let read = 0
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(body, {
      header: false,
      skipEmptyLines: false,
      chunkSize: CHUNK,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        try {
          builder.add(results.data, results.errors)
        } catch (err) {
          parser.abort()
          reject(err)
          return
        }
        read = Math.min(body.length, read + CHUNK)
        onChunk(read, body.length)
        parser.pause()
        setImmediate(() => parser.resume())
      },
      complete: () => resolve(builder.table()),
      error: (err: Error) => reject(err),
    })
  })
}

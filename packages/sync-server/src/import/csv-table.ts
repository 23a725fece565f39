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

/**
 * Reads a CSV file's text (UTF-8, a leading BOM tolerated): the header and the data rows, with blank
 * lines skipped but still counted, so line numbers match what a spreadsheet shows.
 */
export function parseCsvTable(text: string): CsvTable | { error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false })
  const records = parsed.data
  const header = (records[0] ?? []).map((h) => h.trim())
  if (header.length === 0 || header.every((h) => h === '')) return { error: 'the file has no header line' }
  const broken = new Map<number, string>()
  for (const e of parsed.errors) {
    if (e.row !== undefined && e.type === 'Quotes') broken.set(e.row, e.message)
  }
  const rows: CsvRow[] = []
  const malformed: CsvTable['malformed'] = []
  for (let i = 1; i < records.length; i++) {
    const cells = records[i] ?? []
    const line = i + 1
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') continue
    const quote = broken.get(i)
    if (quote !== undefined) {
      malformed.push({ line, reason: `broken quoting: ${quote}`, zh: '引号不匹配' })
    } else if (cells.length !== header.length) {
      malformed.push({
        line,
        reason: `expected ${header.length} columns, found ${cells.length}`,
        zh: `应有 ${header.length} 列，实际 ${cells.length} 列`,
      })
    } else {
      rows.push({ line, cells: cells.map((c) => c.trim()) })
    }
  }
  return { header, rows, malformed }
}

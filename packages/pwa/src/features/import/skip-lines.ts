import Papa from 'papaparse'

/** The header of a CSV text (a BOM tolerated), or an error for a file without one. */
export function readHeader(text: string): { header: string[] } | { error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<string[]>(body, { preview: 1, header: false })
  const header = (parsed.data[0] ?? []).map((h) => h.trim())
  if (header.length === 0 || header.every((h) => h === '')) return { error: 'no header' }
  return { header }
}

/**
 * The CSV with the given lines (1 = header) emptied rather than removed, so every other record keeps
 * the line number the server reported (the server skips blank lines but still counts them).
 */
export function blankLines(text: string, lines: ReadonlySet<number>): string {
  if (lines.size === 0) return text
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false })
  const records = parsed.data.map((cells, i) => (lines.has(i + 1) && i > 0 ? [''] : cells))
  // Papa adds a trailing empty record for a final newline; drop it so the count stays the same.
  const last = records[records.length - 1]
  if (last && last.length === 1 && last[0] === '') records.pop()
  return Papa.unparse(records, { newline: '\n' })
}

import Papa from 'papaparse'

/** The header of a CSV text (a BOM tolerated), or an error for a file without one. */
export function readHeader(text: string): { header: string[] } | { error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parsed = Papa.parse<string[]>(body, { preview: 1, header: false })
  const header = (parsed.data[0] ?? []).map((h) => h.trim())
  if (header.length === 0 || header.every((h) => h === '')) return { error: 'no header' }
  return { header }
}

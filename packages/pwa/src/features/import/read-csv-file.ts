import { decodeText, type TextEncoding } from '@outrider/domain'
import { readHeader } from './read-header.ts'

export type CsvFile = { text: string; encoding: TextEncoding; header: string[] }

/**
 * A picked file as text: UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, detected by the
 * domain's `decodeText` (the server's CLI uses the same), with its header.
 */
export async function readCsvFile(file: Blob): Promise<CsvFile | { error: 'encoding' | 'header' }> {
  const decoded = decodeText(new Uint8Array(await file.arrayBuffer()))
  if ('error' in decoded) return { error: 'encoding' }
  const h = readHeader(decoded.text)
  if ('error' in h) return { error: 'header' }
  return { text: decoded.text, encoding: decoded.encoding, header: h.header }
}

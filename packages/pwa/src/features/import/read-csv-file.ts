import { decodeText, type TextEncoding } from '@outrider/domain'
import { readHeader } from './read-header.ts'

export type CsvFile = { text: string; encoding: TextEncoding; header: string[]; lines: number }
export type CsvFileRead = CsvFile | { error: 'encoding' | 'header' }

/** Line breaks outside quotes after the header: the data lines a spreadsheet would show, blank ones too. */
export function countDataLines(text: string): number {
  let lines = 0
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) quoted = !quoted
    else if (c === 10 && !quoted) lines++
  }
  const last = text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? 1 : 0
  return Math.max(0, lines + last - 1)
}

/**
 * A picked file as text: UTF-8 (with or without BOM), UTF-16 or GBK/GB18030, detected by the
 * domain's `decodeText` (the server's CLI uses the same), with its header and its number of lines.
 */
export async function readCsvFile(file: Blob): Promise<CsvFileRead> {
  const decoded = decodeText(new Uint8Array(await file.arrayBuffer()))
  if ('error' in decoded) return { error: 'encoding' }
  const h = readHeader(decoded.text)
  if ('error' in h) return { error: 'header' }
  return {
    text: decoded.text,
    encoding: decoded.encoding,
    header: h.header,
    lines: countDataLines(decoded.text),
  }
}

/**
 * `readCsvFile` in a Web Worker, so decoding a 100,000-line file (GBK detection included) never
 * freezes the page; on the page's thread where workers are unavailable.
 */
export function readCsvFileOffThread(file: Blob): Promise<CsvFileRead> {
  let worker: Worker
  try {
    worker = new Worker(new URL('./read-csv.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return readCsvFile(file)
  }
  return new Promise<CsvFileRead>((resolve, reject) => {
    worker.onmessage = (ev: MessageEvent<{ read?: CsvFileRead; error?: string }>) => {
      if (ev.data.read) resolve(ev.data.read)
      else reject(new Error(ev.data.error ?? 'the file could not be read'))
    }
    worker.onerror = () => resolve(readCsvFile(file))
    worker.postMessage({ file })
  }).finally(() => worker.terminate())
}

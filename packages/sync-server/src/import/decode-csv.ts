import { decodeText, type TextEncoding } from '@outrider/domain'
import { ImportInputError } from './import-input-error.ts'

/** A file's bytes as CSV text, with the encoding it was in (UTF-8, UTF-16 or GBK/GB18030). */
export function decodeCsv(bytes: Uint8Array): { csv: string; encoding: TextEncoding } {
  const decoded = decodeText(bytes)
  if ('error' in decoded) throw new ImportInputError(decoded.error)
  return { csv: decoded.text, encoding: decoded.encoding }
}

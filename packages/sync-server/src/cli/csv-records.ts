import { closeSync, openSync, readSync } from 'node:fs'

/**
 * A streaming CSV reader over bytes (RFC 4180: quoted fields may hold commas, quotes as "" and line
 * breaks; CRLF or LF). It reads the file in chunks and hands each record over as field offsets into the
 * chunk, so a million-line file never becomes a million strings: the caller decodes only what it needs.
 */

const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13
const CHUNK = 1 << 20
const MAX_FIELDS = 512

export interface CsvRecord {
  /** The chunk the offsets point into (valid during the callback only). */
  buf: Buffer
  fields: number
  start: Int32Array
  end: Int32Array
  /** 1 for a quoted field (its offsets exclude the quotes), 2 when it also holds "" escapes. */
  quoted: Uint8Array
  /** 1-based line the record starts on. */
  line: number
}

/** The text of field `i` (quotes unescaped), or undefined past the record's end. */
export function fieldText(r: CsvRecord, i: number): string | undefined {
  if (i >= r.fields) return undefined
  const text = r.buf.toString('utf8', r.start[i] as number, r.end[i] as number)
  return r.quoted[i] === 2 ? text.replaceAll('""', '"') : text
}

/**
 * Calls `onRecord` for each record of the file, blank lines skipped; stops early when it returns false.
 * A UTF-8 byte order mark at the start is skipped.
 */
export function readCsvRecords(path: string, onRecord: (r: CsvRecord) => boolean | undefined): void {
  const fd = openSync(path, 'r')
  try {
    let buf = Buffer.allocUnsafe(CHUNK)
    let len = 0
    let eof = false
    let line = 1
    let first = true
    const rec: CsvRecord = {
      buf,
      fields: 0,
      start: new Int32Array(MAX_FIELDS),
      end: new Int32Array(MAX_FIELDS),
      quoted: new Uint8Array(MAX_FIELDS),
      line: 1,
    }
    let pos = 0
    for (;;) {
      if (!eof) {
        // Keep the unfinished record, read more behind it (growing the buffer for a huge record).
        if (pos > 0) {
          buf.copy(buf, 0, pos, len)
          len -= pos
          pos = 0
        }
        if (len === buf.length) {
          const bigger = Buffer.allocUnsafe(buf.length * 2)
          buf.copy(bigger, 0, 0, len)
          buf = bigger
        }
        const n = readSync(fd, buf, len, buf.length - len, null)
        if (n === 0) eof = true
        len += n
        rec.buf = buf
        if (first) {
          first = false
          if (len >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3
        }
      }
      for (;;) {
        if (pos >= len) break
        const next = parseRecord(buf, pos, len, eof, rec)
        if (next < 0) break
        rec.line = line
        line += lineBreaks
        const blank = rec.fields === 1 && rec.quoted[0] === 0 && rec.start[0] === rec.end[0]
        pos = next
        if (!blank && onRecord(rec) === false) return
      }
      if (eof) return
    }
  } finally {
    closeSync(fd)
  }
}

/** Line breaks in the record `parseRecord` read last (in quoted fields and its end). */
let lineBreaks = 0

/** Parses one record at `pos`; returns the offset after it, or -1 when the chunk ends inside it. */
function parseRecord(buf: Buffer, pos: number, len: number, eof: boolean, rec: CsvRecord): number {
  lineBreaks = 0
  let i = pos
  let f = 0
  for (;;) {
    let s: number
    let e: number
    let q = 0
    if (i < len && buf[i] === QUOTE) {
      q = 1
      s = ++i
      for (;;) {
        if (i >= len) {
          if (!eof) return -1
          break
        }
        if (buf[i] === QUOTE) {
          if (i + 1 >= len && !eof) return -1
          if (buf[i + 1] === QUOTE) {
            q = 2
            i += 2
            continue
          }
          break
        }
        if (buf[i] === LF) lineBreaks++
        i++
      }
      e = i
      if (i < len) i++ // the closing quote
      // Anything between the closing quote and the next delimiter is kept out, as lenient readers do.
      while (i < len && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) i++
    } else {
      s = i
      while (i < len) {
        const c = buf[i] as number
        if (c === COMMA || c === LF || c === CR) break
        i++
      }
      e = i
    }
    if (f < MAX_FIELDS) {
      rec.start[f] = s
      rec.end[f] = e
      rec.quoted[f] = q
    }
    f++
    if (i >= len) {
      if (!eof) return -1
      rec.fields = Math.min(f, MAX_FIELDS)
      return i
    }
    const c = buf[i] as number
    if (c === COMMA) {
      i++
      continue
    }
    if (c === CR) {
      if (i + 1 >= len && !eof) return -1
      if (buf[i + 1] === LF) {
        lineBreaks++
        i += 2
      } else i++
    } else {
      lineBreaks++ // LF
      i++
    }
    rec.fields = Math.min(f, MAX_FIELDS)
    return i
  }
}

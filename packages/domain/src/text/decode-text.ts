/** The encodings an imported file may come in: what Excel and WPS write on Chinese and other systems. */
export const textEncodings = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'] as const
export type TextEncoding = (typeof textEncodings)[number]

/** How each encoding is named to a person, in both languages. */
export const textEncodingLabels: Record<TextEncoding, { en: string; zh: string }> = {
  'utf-8': { en: 'UTF-8', zh: 'UTF-8' },
  'utf-8-bom': { en: 'UTF-8 with BOM', zh: 'UTF-8（带 BOM）' },
  'utf-16le': { en: 'UTF-16 LE (Unicode text)', zh: 'UTF-16 LE（Unicode 文本）' },
  'utf-16be': { en: 'UTF-16 BE', zh: 'UTF-16 BE' },
  gb18030: { en: 'GBK / GB18030 (Chinese Windows)', zh: 'GBK / GB18030（中文 Windows）' },
}

export type DecodedText = { text: string; encoding: TextEncoding }
export type DecodeFailure = { error: string; zh: string }

/**
 * Decodes a file's bytes, telling which encoding it was in: a byte-order mark decides; else UTF-16
 * without a mark shows as every other byte zero; else strict UTF-8; else GB18030 (a superset of GBK,
 * what Excel on Chinese Windows writes). A GBK text is almost never valid UTF-8 (its two-byte
 * characters break UTF-8's continuation rules), so trying UTF-8 first does not misread it.
 * The returned text has no BOM.
 */
export function decodeText(bytes: Uint8Array): DecodedText | DecodeFailure {
  const b0 = bytes[0]
  const b1 = bytes[1]
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf)
    return strict('utf-8', bytes.subarray(3), 'utf-8-bom') ?? invalid('UTF-8')
  if (b0 === 0xff && b1 === 0xfe) return strict('utf-16le', bytes.subarray(2)) ?? invalid('UTF-16')
  if (b0 === 0xfe && b1 === 0xff) return strict('utf-16be', bytes.subarray(2)) ?? invalid('UTF-16')
  const utf16 = guessUtf16(bytes)
  if (utf16) return strict(utf16, bytes) ?? invalid('UTF-16')
  return (
    strict('utf-8', bytes) ??
    strict('gb18030', bytes) ?? {
      error: 'the file is not text in UTF-8, UTF-16 or GBK/GB18030; save it as CSV (UTF-8) and try again',
      zh: '无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030）；请另存为“CSV UTF-8”后重试',
    }
  )
}

function strict(
  label: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030',
  bytes: Uint8Array,
  as: TextEncoding = label,
): DecodedText | null {
  try {
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes), encoding: as }
  } catch {
    return null
  }
}

function invalid(name: string): DecodeFailure {
  return {
    error: `the file starts as ${name} but has bytes that are not ${name}`,
    zh: `文件以 ${name} 开头，但含有无效的 ${name} 字节`,
  }
}

/** UTF-16 text without a BOM: in a CSV most characters are ASCII, so one byte of each pair is zero. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1
  if (n < 4) return null
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++
    if (bytes[i + 1] === 0) oddZero++
  }
  const pairs = n / 2
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le'
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be'
  return null
}

const OFFSET = 0xcbf29ce484222325n
const PRIME = 0x100000001b3n
const MASK = 0xffffffffffffffffn

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `text`, as 16 hex digits. Not cryptographic: it names schemas and
 * conflict entries deterministically, in the browser and the server alike, without `node:crypto`.
 */
export function fnv1a64(text: string): string {
  let hash = OFFSET
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * PRIME) & MASK
  }
  return hash.toString(16).padStart(16, '0')
}

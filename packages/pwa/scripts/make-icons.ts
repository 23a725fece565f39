// Draws the app icons (a compass-like "O" on the brand colour) as PNGs with no image tooling.
// Run once: `pnpm tsx packages/pwa/scripts/make-icons.ts`; the PNGs are committed.
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type: string, data: Buffer) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}

function icon(size: number, maskable: boolean): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size)
  const c = size / 2
  // Maskable icons keep the mark inside the 80% safe zone and fill the whole square.
  const outer = size * (maskable ? 0.3 : 0.38)
  const inner = outer * 0.62
  const radius = maskable ? 0 : size * 0.18
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0
    for (let x = 0; x < size; x++) {
      const o = y * (size * 4 + 1) + 1 + x * 4
      const dx = x + 0.5 - c
      const dy = y + 0.5 - c
      const d = Math.hypot(dx, dy)
      // rounded-square background
      const qx = Math.max(Math.abs(dx) - (c - radius), 0)
      const qy = Math.max(Math.abs(dy) - (c - radius), 0)
      const inside = radius === 0 || Math.hypot(qx, qy) <= radius
      let [r, g, b, a] = inside ? [15, 118, 110, 255] : [0, 0, 0, 0]
      const ring = d <= outer && d >= inner
      const needle = Math.abs(dx + dy) < size * 0.04 && d < outer * 0.9 && dx > 0
      if (inside && (ring || needle)) [r, g, b] = [255, 255, 255]
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = a
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const dir = new URL('../public/icons/', import.meta.url)
writeFileSync(new URL('icon-192.png', dir), icon(192, false))
writeFileSync(new URL('icon-512.png', dir), icon(512, false))
writeFileSync(new URL('maskable-512.png', dir), icon(512, true))
writeFileSync(new URL('apple-touch-icon.png', dir), icon(180, true))

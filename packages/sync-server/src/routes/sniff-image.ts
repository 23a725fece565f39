/**
 * The image type a body really is, from its magic bytes, or null: the declared content type is the
 * sender's claim, and an HTML page stored as `image/jpeg` would be served back to other users.
 */
export function sniffImage(body: Buffer): 'image/jpeg' | 'image/png' | 'image/webp' | null {
  if (body.length >= 4 && body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'image/jpeg'
  if (body.length >= 8 && body.subarray(0, 8).equals(PNG)) return 'image/png'
  if (
    body.length >= 12 &&
    body.subarray(0, 4).toString('latin1') === 'RIFF' &&
    body.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp'
  return null
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

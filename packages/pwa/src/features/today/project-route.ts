import type { LatLng } from '@outrider/domain'

export type Point = { x: number; y: number }

/**
 * Lat/lng → SVG coordinates in a `width`×`height` box with `pad` margin: an equirectangular projection
 * (longitude shrunk by cos(latitude), fine at city scale) scaled uniformly so shapes are not distorted,
 * centred in the box; north is up.
 */
export function projectRoute(points: readonly LatLng[], width: number, height: number, pad: number): Point[] {
  if (points.length === 0) return []
  const midLat = points.reduce((s, p) => s + p.lat, 0) / points.length
  const k = Math.cos((midLat * Math.PI) / 180)
  const xs = points.map((p) => p.lng * k)
  const ys = points.map((p) => -p.lat)
  const minX = Math.min(...xs)
  const minY = Math.min(...ys)
  const spanX = Math.max(...xs) - minX
  const spanY = Math.max(...ys) - minY
  const innerW = width - 2 * pad
  const innerH = height - 2 * pad
  const span = Math.max(spanX / innerW, spanY / innerH)
  const scale = span > 0 ? 1 / span : 0
  const offX = pad + (innerW - spanX * scale) / 2
  const offY = pad + (innerH - spanY * scale) / 2
  return xs.map((x, i) => ({ x: offX + (x - minX) * scale, y: offY + ((ys[i] as number) - minY) * scale }))
}

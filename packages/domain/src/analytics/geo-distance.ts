import type { GeoPoint } from '../model/index.ts'

const EARTH_RADIUS_M = 6_371_008.8
const RAD = Math.PI / 180

/** Great-circle distance in metres (haversine). */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD
  const dLng = (b.lng - a.lng) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Side of a grid cell in degrees: about 330 m north–south, 280 m east–west in southern China. */
export const GRID_CELL_DEGREES = 0.003

/** Integer row/column of the grid cell holding a point; neighbours differ by ±1. */
export function gridCell(point: GeoPoint): { row: number; col: number } {
  return { row: Math.floor(point.lat / GRID_CELL_DEGREES), col: Math.floor(point.lng / GRID_CELL_DEGREES) }
}

/** Formats a distance for an explanation: metres under a kilometre, else kilometres. */
export function formatDistance(meters: number): { en: string; zh: string } {
  if (meters < 1000) {
    const m = Math.round(meters)
    return { en: `${m} m`, zh: `${m} 米` }
  }
  const km = (meters / 1000).toFixed(1)
  return { en: `${km} km`, zh: `${km} 公里` }
}

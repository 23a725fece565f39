export interface LatLng {
  lat: number
  lng: number
}

const EARTH_RADIUS_KM = 6371.0088

/** Great-circle distance in km. */
export function haversineKm(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Road distance and driving time estimated from the straight line: km × detour, at a constant speed. */
export function haversineTravel(
  a: LatLng,
  b: LatLng,
  detourFactor: number,
  speedKmh: number,
): { km: number; minutes: number } {
  const km = haversineKm(a, b) * detourFactor
  return { km, minutes: (km / speedKmh) * 60 }
}

import type { LatLng } from '@outrider/domain'

/** Links that hand a place to the phone's own maps app (nothing is loaded by this app). */
export function mapsLinks(p: LatLng, name: string): { geo: string; amap: string } {
  const label = encodeURIComponent(name)
  return {
    geo: `geo:${p.lat},${p.lng}?q=${p.lat},${p.lng}(${label})`,
    amap: `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${label}`,
  }
}

import { describe, expect, it } from 'vitest'
import { projectRoute } from './project-route.ts'

describe('projectRoute', () => {
  it('keeps every point inside the padded box, north up and east right', () => {
    const pts = projectRoute(
      [
        { lat: 31.2, lng: 121.4 },
        { lat: 31.3, lng: 121.4 },
        { lat: 31.2, lng: 121.6 },
      ],
      300,
      200,
      10,
    )
    for (const p of pts) {
      expect(p.x).toBeGreaterThanOrEqual(10 - 1e-9)
      expect(p.x).toBeLessThanOrEqual(290 + 1e-9)
      expect(p.y).toBeGreaterThanOrEqual(10 - 1e-9)
      expect(p.y).toBeLessThanOrEqual(190 + 1e-9)
    }
    const [sw, n, e] = pts as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }]
    expect(n.y).toBeLessThan(sw.y)
    expect(e.x).toBeGreaterThan(sw.x)
  })

  it('does not stretch: equal ground distances east and north stay equal on screen', () => {
    const lat = 31.2
    const dLng = 0.01 / Math.cos((lat * Math.PI) / 180)
    const [o, n, e] = projectRoute(
      [
        { lat, lng: 121 },
        { lat: lat + 0.01, lng: 121 },
        { lat, lng: 121 + dLng },
      ],
      400,
      400,
      0,
    ) as [{ x: number; y: number }, { x: number; y: number }, { x: number; y: number }]
    expect(Math.abs(o.y - n.y)).toBeCloseTo(Math.abs(e.x - o.x), 0)
  })

  it('puts a single stop in the middle', () => {
    expect(projectRoute([{ lat: 1, lng: 2 }], 100, 60, 8)).toEqual([{ x: 50, y: 30 }])
  })
})

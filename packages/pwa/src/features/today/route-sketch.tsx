import type { LatLng } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { projectRoute } from './project-route.ts'

const W = 340
const H = 220

/** The day's route drawn from coordinates alone (no map tiles): start, numbered stops, the path between. */
export function RouteSketch({
  start,
  stops,
}: {
  start: LatLng
  stops: { id: string; location: LatLng; done: boolean }[]
}) {
  const { t } = useTranslation()
  const pts = projectRoute([start, ...stops.map((s) => s.location)], W, H, 18)
  const [home, ...rest] = pts
  if (!home) return null
  return (
    <svg
      className="route-sketch"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('today.sketch', { count: stops.length })}
      data-testid="route-sketch"
    >
      <polyline
        points={pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')}
        fill="none"
        stroke="#0f766e"
        strokeWidth="2"
        strokeDasharray="5 3"
      />
      <rect x={home.x - 7} y={home.y - 7} width="14" height="14" fill="#0f172a" rx="2">
        <title>{t('today.sketchStart')}</title>
      </rect>
      {rest.map((p, i) => (
        <g key={stops[i]?.id} data-testid="sketch-stop">
          <circle cx={p.x} cy={p.y} r="11" fill={stops[i]?.done ? '#64748b' : '#0f766e'} />
          <text x={p.x} y={p.y + 4} textAnchor="middle" fontSize="11" fill="#fff" fontWeight="600">
            {i + 1}
          </text>
        </g>
      ))}
    </svg>
  )
}

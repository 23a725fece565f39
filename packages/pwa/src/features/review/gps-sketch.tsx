import { useTranslation } from 'react-i18next'
import { localOffsetMeters } from './visit-flags.ts'

const SIZE = 120

/**
 * A scale sketch (no map tiles, no network): the customer address at the centre, the check-in fix as
 * a dot with its accuracy circle; the scale grows to fit both, with a 300 m ring for reference.
 */
export function GpsSketch({
  customer,
  fix,
}: {
  customer: { lat: number; lng: number }
  fix: { lat: number; lng: number; accuracyM: number }
}) {
  const { t } = useTranslation()
  const off = localOffsetMeters(customer, fix)
  const reach = Math.max(
    350,
    Math.hypot(off.east, off.north) + fix.accuracyM,
    Math.hypot(off.east, off.north) * 1.2,
  )
  const k = (SIZE / 2 - 6) / reach
  const c = SIZE / 2
  const x = c + off.east * k
  const y = c - off.north * k
  return (
    <svg
      className="gps-sketch"
      width={SIZE}
      height={SIZE}
      viewBox={`0 0 ${SIZE} ${SIZE}`}
      role="img"
      aria-label={t('review.sketchLabel')}
    >
      <rect x="0" y="0" width={SIZE} height={SIZE} fill="#f1f5f9" rx="8" />
      <circle cx={c} cy={c} r={300 * k} fill="none" stroke="#94a3b8" strokeDasharray="3 3" />
      <circle cx={x} cy={y} r={Math.max(2, fix.accuracyM * k)} fill="#0f766e33" stroke="#0f766e" />
      <line x1={c} y1={c} x2={x} y2={y} stroke="#475569" strokeWidth="1" />
      <rect x={c - 5} y={c - 5} width="10" height="10" fill="#1e3a8a" />
      <circle cx={x} cy={y} r="4" fill="#b91c1c" />
    </svg>
  )
}

import type { GeoPoint } from '@outrider/domain'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { currentFix } from '../../platform/geolocation.ts'

/** A typed or measured position: `accuracyM` only when it came from the phone's GPS. */
export type LocationDraft = { lat: string; lng: string; accuracyM?: number }

export const draftOf = (p: GeoPoint | null): LocationDraft =>
  p ? { lat: String(p.lat), lng: String(p.lng) } : { lat: '', lng: '' }

/** The point a draft stands for: null when both are blank, undefined when it is not a valid point. */
export function pointOf(d: LocationDraft): GeoPoint | null | undefined {
  if (d.lat.trim() === '' && d.lng.trim() === '') return null
  const lat = Number(d.lat.normalize('NFKC'))
  const lng = Number(d.lng.normalize('NFKC'))
  if (d.lat.trim() === '' || d.lng.trim() === '') return undefined
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return undefined
  return { lat, lng }
}

/** The customer's location: the phone's current position (with its accuracy) or typed coordinates, shown before saving. */
export function LocationEditor({
  value,
  onChange,
}: {
  value: LocationDraft
  onChange: (d: LocationDraft) => void
}) {
  const { t } = useTranslation()
  const [locating, setLocating] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const point = pointOf(value)
  const previewId = useId()
  // Coordinates that cannot be saved mark both fields and point them at the preview that says why.
  const marks = point === undefined ? { 'aria-invalid': true, 'aria-describedby': previewId } : {}
  const locate = async () => {
    setLocating(true)
    setProblem(null)
    const r = await currentFix()
    setLocating(false)
    if (!r.ok) return setProblem(r.problem)
    onChange({ lat: r.fix.lat.toFixed(6), lng: r.fix.lng.toFixed(6), accuracyM: Math.round(r.fix.accuracyM) })
  }
  return (
    <fieldset className="location" data-testid="location-editor">
      <legend>{t('customer.master.location')}</legend>
      <button type="button" className="secondary" disabled={locating} onClick={() => void locate()}>
        {locating ? t('customer.master.locating') : t('customer.master.useGps')}
      </button>
      {problem && (
        <p className="error" role="alert">
          {t('customer.master.gpsFailed', { problem: t(`customer.master.gpsProblems.${problem}`) })}
        </p>
      )}
      <label>
        {t('customer.master.lat')}
        <input
          inputMode="decimal"
          value={value.lat}
          onChange={(e) => onChange({ lat: e.target.value, lng: value.lng })}
          {...marks}
        />
      </label>
      <label>
        {t('customer.master.lng')}
        <input
          inputMode="decimal"
          value={value.lng}
          onChange={(e) => onChange({ lat: value.lat, lng: e.target.value })}
          {...marks}
        />
      </label>
      <p
        id={previewId}
        role="status"
        data-testid="location-preview"
        className={point === undefined ? 'field-error' : undefined}
      >
        {point === undefined
          ? t('customer.master.badCoordinates')
          : point === null
            ? t('customer.master.noLocation')
            : `${t('customer.master.willSave', { latitude: point.lat.toFixed(6), longitude: point.lng.toFixed(6) })}${
                value.accuracyM !== undefined
                  ? ` ${t('customer.master.accuracy', { m: value.accuracyM })}`
                  : ''
              }`}
      </p>
      {point && (
        <button type="button" className="secondary" onClick={() => onChange({ lat: '', lng: '' })}>
          {t('customer.master.clearLocation')}
        </button>
      )}
    </fieldset>
  )
}

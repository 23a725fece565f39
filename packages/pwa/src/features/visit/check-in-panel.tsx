import { type GeoPoint, haversineMeters } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { currentFix } from '../../platform/geolocation.ts'
import { formatInstant } from '../../shared/organisation-clock.ts'
import type { VisitForm } from './visit-form.ts'

type Props = {
  checkInAt: string | null
  gps: VisitForm['gps']
  gpsProblem: VisitForm['gpsProblem']
  customerLocation: GeoPoint | null
  onChange: (patch: Pick<VisitForm, 'checkInAt' | 'gps' | 'gpsProblem'>) => void
  error?: string | undefined
}

const problemKey = {
  denied: 'visit.gpsDenied',
  unavailable: 'visit.gpsUnavailable',
  timeout: 'visit.gpsTimeout',
  unsupported: 'visit.gpsUnsupported',
} as const

export function formatDistance(m: number, lang: string) {
  const zh = lang.startsWith('zh')
  if (m < 1000) return zh ? `${Math.round(m)} 米` : `${Math.round(m)} m`
  return zh ? `${(m / 1000).toFixed(1)} 公里` : `${(m / 1000).toFixed(1)} km`
}

/** Check-in: the time is taken at once; the location follows when (and if) the phone gives one. */
export function CheckInPanel({ checkInAt, gps, gpsProblem, customerLocation, onChange, error }: Props) {
  const { t, i18n } = useTranslation()
  const [locating, setLocating] = useState(false)
  const locate = async (at: string) => {
    setLocating(true)
    const res = await currentFix()
    setLocating(false)
    onChange(
      res.ok
        ? { checkInAt: at, gps: res.fix, gpsProblem: null }
        : { checkInAt: at, gps: null, gpsProblem: res.problem },
    )
  }
  if (!checkInAt) {
    return (
      <div className="visit-checkin">
        <button
          type="button"
          className="primary"
          onClick={() => {
            const at = new Date().toISOString()
            onChange({ checkInAt: at, gps: null, gpsProblem: null })
            void locate(at)
          }}
        >
          {t('visit.checkIn')}
        </button>
        {error && (
          <p className="error" role="alert">
            {t(`visit.${error}`)}
          </p>
        )}
      </div>
    )
  }
  const distance = gps && customerLocation ? haversineMeters(customerLocation, gps) : null
  return (
    <div className="visit-checkin" data-testid="checked-in">
      <p>{t('visit.checkedInAt', { time: formatInstant(checkInAt, i18n.language, 'time') })}</p>
      {locating && <p role="status">{t('visit.locating')}</p>}
      {gps && (
        <p data-testid="gps-fix">
          {t('visit.gpsFix', { accuracy: Math.round(gps.accuracyM) })}
          {distance !== null && (
            <>
              {' · '}
              <span data-testid="gps-distance">
                {t('visit.distance', { distance: formatDistance(distance, i18n.language) })}
              </span>
            </>
          )}
        </p>
      )}
      {gps && !customerLocation && <p className="muted">{t('visit.noCustomerLocation')}</p>}
      {!locating && gpsProblem && (
        <div role="alert" className="notice">
          <p>{t(problemKey[gpsProblem])}</p>
          {gpsProblem !== 'unsupported' && (
            <button type="button" className="secondary" onClick={() => void locate(checkInAt)}>
              {t('visit.retryGps')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}

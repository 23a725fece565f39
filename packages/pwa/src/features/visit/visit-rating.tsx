import { useFormContext } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import type { VisitForm } from './visit-form.ts'

const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

/** The customer's satisfaction (1–5 stars, or none) and, when asked, their 0–10 recommendation score. */
export function VisitRating() {
  const { t } = useTranslation()
  const { setValue, watch } = useFormContext<VisitForm>()
  const satisfaction = watch('satisfaction')
  const nps = watch('nps')
  return (
    <>
      <fieldset className="visit-satisfaction">
        <legend>{t('visit.satisfaction')}</legend>
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={satisfaction === n ? 'star on' : 'star'}>
              <input
                type="radio"
                name="satisfaction"
                aria-label={t('visit.satisfactionValue', { n })}
                checked={satisfaction === n}
                onChange={() => setValue('satisfaction', n, { shouldDirty: true })}
              />
              {n}
            </label>
          ))}
          <label className="star">
            <input
              type="radio"
              name="satisfaction"
              checked={satisfaction === null}
              onChange={() => setValue('satisfaction', null, { shouldDirty: true })}
            />
            {t('visit.clearSatisfaction')}
          </label>
        </div>
      </fieldset>
      <label className="visit-nps">
        {t('service.nps.label')}
        <select
          data-testid="visit-nps"
          value={nps === null ? '' : String(nps)}
          onChange={(e) =>
            setValue('nps', e.target.value === '' ? null : Number(e.target.value), { shouldDirty: true })
          }
        >
          <option value="">{t('service.nps.skip')}</option>
          {NPS_SCORES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </>
  )
}

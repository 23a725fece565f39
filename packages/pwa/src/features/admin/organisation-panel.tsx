import { defaultOrganisation, httpApi, type Organisation } from '@outrider/domain'
import { useEffect, useState } from 'react'
import { type UseFormRegister, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { ApiError, callApi, errorKey } from '../../shared/api.ts'
import { weekdayNames } from '../../shared/weekday-names.ts'
import {
  type FieldProblems,
  type OrganisationField,
  type OrganisationForm,
  organisationFromForm,
  organisationToForm,
  problemsOf,
} from './organisation-form.ts'

const zones = (current: string): string[] => {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone')
  return all && all.length > 0 ? all : [current]
}

/** A field's refusal next to it, linked to its input by `aria-describedby`. */
function Problem({ field, problems }: { field: OrganisationField; problems: FieldProblems }) {
  const { t } = useTranslation()
  const reason = problems[field]
  if (!reason) return null
  return (
    <span className="error" id={`org-${field}-error`}>
      {t(`admin.organisation.errors.${reason}`)}
    </span>
  )
}

const described = (field: OrganisationField, problems: FieldProblems) =>
  problems[field] ? { 'aria-invalid': true, 'aria-describedby': `org-${field}-error` } : {}

function SettingsForm({ saved, onSaved }: { saved: Organisation; onSaved: (o: Organisation) => void }) {
  const { t } = useTranslation()
  const [problems, setProblems] = useState<FieldProblems>({})
  const [status, setStatus] = useState<'saved' | string | null>(null)
  const { register, handleSubmit, formState } = useForm<OrganisationForm>({
    defaultValues: organisationToForm(saved),
  })
  const onSubmit = handleSubmit(async (f) => {
    setStatus(null)
    const result = organisationFromForm(f)
    if (!result.ok) return setProblems(result.problems)
    setProblems({})
    try {
      onSaved(await callApi(httpApi.saveOrganisation, { body: result.organisation }))
      setStatus('saved')
    } catch (err) {
      if (err instanceof ApiError && err.code === 'E_VALIDATION') setProblems(problemsOf(err.details))
      setStatus(errorKey(err))
    }
  })
  return (
    <form className="admin-form" onSubmit={onSubmit} noValidate aria-labelledby="organisation-title">
      <label>
        {t('admin.organisation.name')}
        <input autoComplete="organization" {...register('name')} {...described('name', problems)} />
        <Problem field="name" problems={problems} />
      </label>
      <label>
        {t('admin.organisation.timeZone')}
        <input list="org-time-zones" {...register('timeZone')} {...described('timeZone', problems)} />
        <datalist id="org-time-zones">
          {zones(saved.timeZone).map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <Problem field="timeZone" problems={problems} />
      </label>
      <label>
        {t('admin.organisation.currency')}
        <input maxLength={3} {...register('currency')} {...described('currency', problems)} />
        <Problem field="currency" problems={problems} />
      </label>
      <WorkWeek register={register} problems={problems} />
      <label>
        {t('admin.organisation.holidayCalendar')}
        <select {...register('holidayCalendar')}>
          <option value="cn">{t('admin.organisation.holidays.cn')}</option>
          <option value="none">{t('admin.organisation.holidays.none')}</option>
        </select>
      </label>
      <button type="submit" disabled={formState.isSubmitting}>
        {t('admin.organisation.save')}
      </button>
      {status === 'saved' && <p role="status">{t('admin.organisation.saved')}</p>}
      {status && status !== 'saved' && (
        <p className="error" role="alert">
          {t(status)}
        </p>
      )}
    </form>
  )
}

/** The working days and the working day's start and end. */
function WorkWeek({
  register,
  problems,
}: {
  register: UseFormRegister<OrganisationForm>
  problems: FieldProblems
}) {
  const { t, i18n } = useTranslation()
  return (
    <>
      <fieldset {...described('workingDays', problems)}>
        <legend>{t('admin.organisation.workingDays')}</legend>
        {weekdayNames(i18n.language).map((d, i) => (
          <label key={d} className="check">
            <input type="checkbox" value={String(i)} {...register('workingDays')} />
            {d}
          </label>
        ))}
        <Problem field="workingDays" problems={problems} />
      </fieldset>
      <label>
        {t('admin.organisation.workStart')}
        <input type="time" {...register('workStart')} {...described('workStart', problems)} />
        <Problem field="workStart" problems={problems} />
      </label>
      <label>
        {t('admin.organisation.workEnd')}
        <input type="time" {...register('workEnd')} {...described('workEnd', problems)} />
        <Problem field="workEnd" problems={problems} />
      </label>
    </>
  )
}

/** The organisation's settings after setup (admins): name, time zone, currency, working week, holidays. */
export function OrganisationPanel({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation()
  const [organisation, setOrganisation] = useState<Organisation | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    callApi(httpApi.loadOrganisation, {})
      .then(setOrganisation)
      .catch((err: unknown) => {
        // An organisation made before settings existed (a demo seeded by an earlier version) has none yet:
        // start from the usual week.
        if (err instanceof ApiError && err.status === 404)
          setOrganisation({ ...defaultOrganisation, name: '' })
        else setError(errorKey(err))
      })
  }, [])
  return (
    <section className="panel" aria-labelledby="organisation-title" data-testid="organisation-settings">
      <h2 id="organisation-title">{t('admin.organisation.title')}</h2>
      <p className="note">{t('admin.organisation.help')}</p>
      {error && (
        <p className="error" role="alert">
          {t(error)}
        </p>
      )}
      {organisation && (
        <SettingsForm
          saved={organisation}
          onSaved={(o) => {
            setOrganisation(o)
            onSaved()
          }}
        />
      )}
    </section>
  )
}

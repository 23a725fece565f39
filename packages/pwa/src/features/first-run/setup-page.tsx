import { zodResolver } from '@hookform/resolvers/zod'
import { defaultOrganisation } from '@outrider/domain'
import { useEffect, useState } from 'react'
import { type FieldErrors, type UseFormRegister, useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { login } from '../../platform/session.ts'
import { minutesToTime, timeToMinutes, weekdayNames } from '../../shared/weekday-names.ts'
import { useOutriderState } from '../../store/outrider-context.ts'
import { FieldError } from './field-error.tsx'
import { type SetupForm, setupFormSchema } from './first-run-forms.ts'
import { aria, PasswordFields } from './password-fields.tsx'
import { type Failure, failureText, leaveForHome, publicJson, tokenFromHash } from './public-post.ts'
import './first-run.css'

const zones = (): string[] => {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone')
  return all && all.length > 0 ? all : [defaultOrganisation.timeZone]
}

type FormParts = { register: UseFormRegister<SetupForm>; errors: FieldErrors<SetupForm> }

/** First run: the one-time setup link creates the organisation and its first admin, then signs them in. */
export default function SetupPage() {
  const { t } = useTranslation()
  const [token] = useState(tokenFromHash)
  const [needed, setNeeded] = useState<boolean | null>(null)
  const { register, formState, onSubmit, failure, done } = useSetupForm(token)
  const errors = formState.errors
  useEffect(() => {
    publicJson<{ needed: boolean }>('GET', '/api/setup')
      .then((r) => setNeeded(r.needed))
      .catch(() => setNeeded(true))
  }, [])

  if (needed === false || !token)
    return (
      <section className="login first-run" aria-labelledby="setup-title">
        <h1 id="setup-title">{t('firstRun.setup.title')}</h1>
        <p role="alert">{t(needed === false ? 'firstRun.setup.notNeeded' : 'firstRun.setup.noToken')}</p>
        <a href="/">{t('firstRun.setup.toLogin')}</a>
      </section>
    )
  return (
    <section className="login first-run" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('firstRun.setup.title')}</h1>
      <p>{t('firstRun.setup.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <OrganisationFields register={register} errors={errors} />
        <AdminFields register={register} errors={errors} />
        <button type="submit" disabled={formState.isSubmitting || done}>
          {t('firstRun.setup.submit')}
        </button>
        {done && <p role="status">{t('firstRun.setup.done')}</p>}
        {failure && (
          <p className="error" role="alert">
            {t(failure[0], failure[1])}
          </p>
        )}
      </form>
    </section>
  )
}

/** The setup form, starting from the default organisation; a sent form creates both, then signs in. */
function useSetupForm(token: string) {
  const { signedIn } = useOutriderState()
  const [failure, setFailure] = useState<Failure | null>(null)
  const [done, setDone] = useState(false)
  const { register, handleSubmit, formState } = useForm<SetupForm>({
    resolver: zodResolver(setupFormSchema),
    defaultValues: {
      name: '',
      timeZone: defaultOrganisation.timeZone,
      currency: defaultOrganisation.currency,
      workingDays: defaultOrganisation.workingDays.map(String),
      workStart: minutesToTime(defaultOrganisation.workStart),
      workEnd: minutesToTime(defaultOrganisation.workEnd),
      holidayCalendar: defaultOrganisation.holidayCalendar,
      adminName: '',
      email: '',
      password: '',
      confirm: '',
    },
  })
  const onSubmit = handleSubmit(async (f) => {
    setFailure(null)
    try {
      await publicJson('POST', '/api/setup', {
        token,
        organisation: {
          name: f.name.trim(),
          timeZone: f.timeZone,
          currency: f.currency,
          workingDays: f.workingDays.map(Number).sort(),
          workStart: timeToMinutes(f.workStart),
          workEnd: timeToMinutes(f.workEnd),
          holidayCalendar: f.holidayCalendar,
        },
        admin: { email: f.email.trim(), displayName: f.adminName.trim(), password: f.password },
      })
      setDone(true)
      const session = await login(f.email.trim(), f.password)
      leaveForHome()
      signedIn(session.user)
    } catch (err) {
      setFailure(failureText(err))
    }
  })
  return { register, formState, onSubmit, failure, done }
}

/** The organisation: name, time zone, currency, working week and hours, holidays. */
function OrganisationFields({ register, errors }: FormParts) {
  const { t, i18n } = useTranslation()
  const days = weekdayNames(i18n.language)
  return (
    <fieldset>
      <legend>{t('firstRun.setup.organisation')}</legend>
      <label>
        {t('firstRun.setup.name')}
        <input autoComplete="organization" {...register('name')} {...aria(errors.name, 'name')} />
        <FieldError error={errors.name} id="name" />
      </label>
      <label>
        {t('firstRun.setup.timeZone')}
        <input list="time-zones" {...register('timeZone')} {...aria(errors.timeZone, 'timeZone')} />
        <datalist id="time-zones">
          {zones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        <FieldError error={errors.timeZone} id="timeZone" />
      </label>
      <label>
        {t('firstRun.setup.currency')}
        <input maxLength={3} {...register('currency')} {...aria(errors.currency, 'currency')} />
        <FieldError error={errors.currency} id="currency" />
      </label>
      <fieldset className="weekdays">
        <legend>{t('firstRun.setup.workingDays')}</legend>
        {days.map((d, i) => (
          <label key={d} className="check">
            <input type="checkbox" value={String(i)} {...register('workingDays')} />
            {d}
          </label>
        ))}
        <FieldError error={errors.workingDays} id="workingDays" />
      </fieldset>
      <label>
        {t('firstRun.setup.workStart')}
        <input type="time" {...register('workStart')} {...aria(errors.workStart, 'workStart')} />
        <FieldError error={errors.workStart} id="workStart" />
      </label>
      <label>
        {t('firstRun.setup.workEnd')}
        <input type="time" {...register('workEnd')} {...aria(errors.workEnd, 'workEnd')} />
        <FieldError error={errors.workEnd} id="workEnd" />
      </label>
      <label>
        {t('firstRun.setup.holidayCalendar')}
        <select {...register('holidayCalendar')}>
          <option value="cn">{t('firstRun.setup.holidays.cn')}</option>
          <option value="none">{t('firstRun.setup.holidays.none')}</option>
        </select>
      </label>
    </fieldset>
  )
}

/** Its first admin: name, email and password (twice). */
function AdminFields({ register, errors }: FormParts) {
  const { t } = useTranslation()
  return (
    <fieldset>
      <legend>{t('firstRun.setup.admin')}</legend>
      <label>
        {t('firstRun.setup.adminName')}
        <input autoComplete="name" {...register('adminName')} {...aria(errors.adminName, 'adminName')} />
        <FieldError error={errors.adminName} id="adminName" />
      </label>
      <label>
        {t('firstRun.setup.email')}
        <input type="email" autoComplete="username" {...register('email')} {...aria(errors.email, 'email')} />
        <FieldError error={errors.email} id="email" />
      </label>
      <PasswordFields
        fields={{ password: register('password'), confirm: register('confirm') }}
        errors={errors}
        labels={{ password: 'firstRun.setup.password', confirm: 'firstRun.setup.confirm' }}
      />
    </fieldset>
  )
}

import { zodResolver } from '@hookform/resolvers/zod'
import type { LatLng } from '@outrider/domain'
import { useId, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { currentPosition } from '../../platform/current-position.ts'
import { FieldNote, fieldMarks } from '../../shared/field-note.tsx'
import type { LikelyDuplicate } from '../../shared/prospect-checks.ts'
import { TimeField } from '../../shared/time-field.tsx'
import { useBilingual } from '../../shared/use-bilingual.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { createMergeable, newId } from '../../store/writes.ts'
import { openingHoursOf, type ProspectForm, prospectDefaults, prospectFormSchema } from './prospect-form.ts'
import '../../shared/customers.css'

export default function NewProspectPage() {
  const { t } = useTranslation()
  const b = useBilingual()
  const { db } = useOutrider()
  const navigate = useNavigate()
  const [location, setLocation] = useState<LatLng | null>(null)
  const [gps, setGps] = useState<'idle' | 'busy' | 'failed'>('idle')
  const [duplicates, setDuplicates] = useState<{
    forValues: string
    list: (LikelyDuplicate & { name: string })[]
  } | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const form = useForm<ProspectForm>({
    resolver: zodResolver(prospectFormSchema),
    defaultValues: prospectDefaults,
  })
  const { register, handleSubmit, formState, setValue, watch, trigger } = form
  const err = (field: keyof ProspectForm) => {
    const m = formState.errors[field]?.message
    return m ? t(`customers.errors.${m}`) : null
  }
  const formId = useId()
  /** Marks a field invalid and points it at its message, shown right under it. */
  const marks = (field: keyof ProspectForm) => fieldMarks(`${formId}-${field}`, err(field))
  const note = (field: keyof ProspectForm) => <FieldNote id={`${formId}-${field}`} error={err(field)} />
  /** Opening and closing are checked together (closing after opening) once the form was sent. */
  const setHours = (field: 'opens' | 'closes', hhmm: string) => {
    setValue(field, hhmm, { shouldDirty: true })
    if (formState.isSubmitted) void trigger(['opens', 'closes'])
  }

  async function submit(v: ProspectForm) {
    const id = newId('cust')
    const key = JSON.stringify([v.name, v.phone, v.address, v.city])
    // pinyin-pro comes with this chunk, loaded on the first save only.
    const checks = await import('../../shared/prospect-checks.ts')
    if (duplicates?.forValues !== key) {
      setStatus(t('customers.checking'))
      const existing = (await db.customers.find({ selector: { deleted: { $ne: true } } }).exec()).map((d) =>
        d.toMutableJSON(),
      )
      const found = checks.likelyDuplicates(
        {
          id,
          name: v.name,
          address: v.address,
          city: v.city,
          location,
          ...(v.phone ? { phone: v.phone } : {}),
        },
        existing,
      )
      setStatus(null)
      if (found.length > 0) {
        const names = new Map(existing.map((c) => [c.id, c.name]))
        setDuplicates({ forValues: key, list: found.map((d) => ({ ...d, name: names.get(d.id) ?? d.id })) })
        return
      }
    }
    setStatus(t('customers.saving'))
    await createMergeable(db, 'customers', {
      id,
      name: v.name,
      searchKeys: checks.searchKeysFor(v.name),
      status: 'prospect',
      address: v.address,
      city: v.city,
      location,
      openingHours: openingHoursOf(v),
      // Server-owned: the server sets the owner (this rep) and team when it stores the record.
      ownerRepId: null,
      teamId: null,
      tags: [],
      customFields: {},
      ...(v.phone ? { phone: v.phone } : {}),
      ...(v.district ? { district: v.district } : {}),
      ...(v.notes ? { notes: v.notes } : {}),
    })
    await navigate(`/customers/${id}`, { replace: true })
  }

  async function locate() {
    setGps('busy')
    const p = await currentPosition(10_000)
    setLocation(p)
    setGps(p ? 'idle' : 'failed')
  }

  return (
    <section className="customers customer-form" aria-labelledby="new-prospect-title">
      <h1 id="new-prospect-title">{t('customers.newTitle')}</h1>
      <form onSubmit={handleSubmit(submit)} noValidate>
        <label>
          {t('customers.name')}
          <input {...register('name')} autoComplete="organization" {...marks('name')} />
        </label>
        {note('name')}
        <label>
          {t('customers.phone')}
          <input {...register('phone')} type="tel" inputMode="tel" autoComplete="tel" {...marks('phone')} />
        </label>
        {note('phone')}
        <label>
          {t('customers.address')}
          <input {...register('address')} autoComplete="street-address" {...marks('address')} />
        </label>
        {note('address')}
        <label>
          {t('customers.city')}
          <input {...register('city')} autoComplete="address-level2" {...marks('city')} />
        </label>
        {note('city')}
        <label>
          {t('customers.district')}
          <input {...register('district')} />
        </label>
        <fieldset>
          <legend>{t('customers.hours')}</legend>
          <div className="hours-row">
            <label htmlFor={`${formId}-opens`}>
              {t('customers.opens')}
              <TimeField
                id={`${formId}-opens`}
                title={t('customers.opens')}
                value={watch('opens')}
                onChange={(v) => setHours('opens', v)}
              />
            </label>
            <label htmlFor={`${formId}-closes`}>
              {t('customers.closes')}
              <TimeField
                id={`${formId}-closes`}
                title={t('customers.closes')}
                value={watch('closes')}
                onChange={(v) => setHours('closes', v)}
                {...marks('closes')}
              />
            </label>
          </div>
          {note('closes')}
          <label className="check">
            <input type="checkbox" {...register('closedSunday')} />
            {t('customers.closedSunday')}
          </label>
        </fieldset>
        <label>
          {t('customers.notes')}
          <textarea rows={3} {...register('notes')} />
        </label>
        <p>
          <button type="button" className="secondary" onClick={locate} disabled={gps === 'busy'}>
            {t('customers.useGps')}
          </button>
        </p>
        {location && (
          <p className="muted">
            {t('customers.gpsSet', { latitude: location.lat.toFixed(5), longitude: location.lng.toFixed(5) })}
          </p>
        )}
        {gps === 'failed' && <p className="muted">{t('customers.gpsFailed')}</p>}
        {duplicates && duplicates.list.length > 0 && (
          <div className="duplicates" role="alert" data-testid="duplicate-warning">
            <h2>{t('customers.duplicatesTitle')}</h2>
            <p>{t('customers.duplicatesHint')}</p>
            <ul>
              {duplicates.list.map((d) => (
                <li key={d.id}>
                  <Link to={`/customers/${d.id}`}>{d.name}</Link>
                  <span className="badge">
                    {t('customers.similarity', { pct: Math.round(Math.min(1, d.score) * 100) })}
                  </span>
                  <span className="muted">{d.reasons.map((r) => b(r)).join(' · ')}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {status && (
          <p role="status" className="muted">
            {status}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" disabled={formState.isSubmitting}>
            {duplicates && duplicates.list.length > 0 ? t('customers.saveAnyway') : t('customers.save')}
          </button>
          <Link className="button secondary" to="/customers">
            {t('customers.cancel')}
          </Link>
        </div>
      </form>
    </section>
  )
}

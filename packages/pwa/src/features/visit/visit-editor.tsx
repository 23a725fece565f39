import { zodResolver } from '@hookform/resolvers/zod'
import {
  type Customer,
  checkInFlags,
  complaintSeveritySchema,
  defaultComplaintCategories,
  maxOrderQuantity,
  visitOutcomeSchema,
  visitPurposeSchema,
} from '@outrider/domain'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useForm } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { registerDraftFlush } from '../../platform/draft-flush.ts'
import { logFailure } from '../../platform/log-failure.ts'
import { clockNow } from '../../shared/organisation-clock.ts'
import { useReference } from '../../store/hooks.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { useOutrider } from '../../store/outrider-context.ts'
import { CheckInPanel } from './check-in-panel.tsx'
import { CheckInWarnings } from './check-in-warnings.tsx'
import { ariaFor, fieldErrorText } from './field-errors.ts'
import { Counter, FieldMessage } from './field-message.tsx'
import { OrderLines } from './order-lines.tsx'
import { PhotoPicker } from './photo-picker.tsx'
import { draftIdFor, saveVisit } from './save-visit.ts'
import { SurveyQuestions } from './survey-questions.tsx'
import { checkoutSchema, MAX_LENGTH, type VisitForm } from './visit-form.ts'

const AUTOSAVE_MS = 500
const NPS_SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

type Props = { customer: Customer; initial: VisitForm; restored: boolean }

/** The visit form: every change is autosaved as a draft; check-out stores the records. */
/** An autosave that fails leaves the form as typed; the next change or leaving the page saves again. */
const autosaveFailed = 'the visit draft was not saved; the next change or leaving the page retries'

export function VisitEditor({ customer, initial, restored }: Props) {
  const { t } = useTranslation()
  const app = useOutrider()
  const navigate = useNavigate()
  const products = useReference('products')
  const policy = useReference('policies')?.[0]
  const { insights } = useInsights()
  const resolver = useMemo(() => {
    const prices = new Map((products ?? []).map((p) => [p.id, p.price]))
    return zodResolver(
      checkoutSchema({
        today: clockNow().today,
        listPrice: (id) => prices.get(id),
        maxQuantity: maxOrderQuantity(policy),
      }),
    )
  }, [products, policy])
  const form = useForm<VisitForm>({ resolver, defaultValues: initial })
  const { register, control, setValue, watch, getValues, handleSubmit, formState } = form
  const [status, setStatus] = useState<
    { kind: 'idle' | 'saving' | 'saved' } | { kind: 'error'; message: string }
  >({ kind: 'idle' })
  const finished = useRef(false)
  const draftId = draftIdFor(customer.id)

  // Autosave: debounced while typing, and at once when the page is hidden, left, or about to update.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let dirty = false
    const save = async () => {
      clearTimeout(timer)
      if (!dirty || finished.current) return
      dirty = false
      await app.device.drafts.put({
        id: draftId,
        kind: 'visit',
        data: structuredClone(getValues()),
        updatedAt: new Date().toISOString(),
      })
    }
    const sub = watch(() => {
      dirty = true
      clearTimeout(timer)
      timer = setTimeout(() => void save().catch(logFailure(autosaveFailed)), AUTOSAVE_MS)
    })
    const onHide = () => void save().catch(logFailure(autosaveFailed))
    const onVisibility = () => document.visibilityState === 'hidden' && onHide()
    const unregister = registerDraftFlush(save)
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('pagehide', onHide)
    return () => {
      sub.unsubscribe()
      unregister()
      document.removeEventListener('visibilitychange', onVisibility)
      window.removeEventListener('pagehide', onHide)
      onHide()
    }
  }, [app.device, draftId, getValues, watch])

  const survey = policy?.tiers[insights?.byCustomer[customer.id]?.tier ?? 'C'].survey
  const values = watch()
  const errors = formState.errors
  const err = fieldErrorText(t, errors, maxOrderQuantity(policy))
  const today = clockNow().today
  const check = values.checkInAt
    ? checkInFlags({
        at: values.checkInAt,
        gps: values.gps,
        customer,
        radiusM: policy?.checkInRadiusM,
        timeZone: policy?.timeZone,
      })
    : null
  const onValid = async (v: VisitForm) => {
    setStatus({ kind: 'saving' })
    try {
      await saveVisit(app, customer.id, v, {
        policy,
        tier: insights?.byCustomer[customer.id]?.tier ?? 'C',
      })
      finished.current = true
      setStatus({ kind: 'saved' })
    } catch (err) {
      setStatus({ kind: 'error', message: (err as Error).message })
    }
  }
  const discard = async () => {
    if (!window.confirm(t('visit.confirmDiscard'))) return
    finished.current = true
    await app.device.photos.bulkDelete(getValues('photoIds'))
    await app.device.drafts.delete(draftId)
    void navigate(`/customers/${customer.id}`)
  }

  if (status.kind === 'saved')
    return (
      <section className="visit" aria-labelledby="visit-title">
        <h1 id="visit-title">{t('visit.title', { name: customer.name })}</h1>
        <p role="status" data-testid="visit-saved">
          {t('visit.saved')}
        </p>
        <Link className="button" to={`/customers/${customer.id}`}>
          {t('visit.backToCustomer')}
        </Link>
      </section>
    )

  return (
    <section className="visit" aria-labelledby="visit-title">
      <h1 id="visit-title">{t('visit.title', { name: customer.name })}</h1>
      {restored && (
        <p className="notice" role="status" data-testid="draft-restored">
          {t('visit.draftRestored')} {t('visit.restoredChoose')}
        </p>
      )}
      <form onSubmit={(e) => void handleSubmit(onValid)(e)} noValidate>
        <CheckInPanel
          checkInAt={values.checkInAt}
          gps={values.gps}
          gpsProblem={values.gpsProblem}
          customerLocation={customer.location}
          error={errors.checkInAt?.message}
          onChange={(p) => {
            setValue('checkInAt', p.checkInAt, { shouldDirty: true })
            setValue('gps', p.gps, { shouldDirty: true })
            setValue('gpsProblem', p.gpsProblem, { shouldDirty: true })
          }}
        />
        {check && check.flags.length > 0 && (
          <CheckInWarnings
            flags={check.flags}
            reason={register('checkInReason')}
            value={values.checkInReason}
            error={err('checkInReason')}
          />
        )}
        <label>
          {t('visit.purpose')}
          <select {...register('purpose')}>
            {visitPurposeSchema.options.map((p) => (
              <option key={p} value={p}>
                {t(`code.purpose.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('visit.notes')}
          <textarea rows={4} {...register('notes')} {...ariaFor(err('notes'), 'notes')} />
          <Counter value={values.notes} max={MAX_LENGTH.notes} />
          <FieldMessage path="notes" text={err('notes')} />
        </label>
        <label>
          {t('visit.outcome')}
          <select {...register('outcome')} {...ariaFor(err('outcome'), 'outcome')}>
            <option value="" disabled>
              {t('visit.chooseOutcome')}
            </option>
            {visitOutcomeSchema.options.map((o) => (
              <option key={o} value={o}>
                {t(`code.outcome.${o}`)}
              </option>
            ))}
          </select>
          <FieldMessage path="outcome" text={err('outcome')} />
        </label>
        <OrderLines
          control={control}
          register={register}
          setValue={setValue}
          errorText={err}
          maxQuantity={maxOrderQuantity(policy)}
        />
        <fieldset className="visit-satisfaction">
          <legend>{t('visit.satisfaction')}</legend>
          <div className="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className={values.satisfaction === n ? 'star on' : 'star'}>
                <input
                  type="radio"
                  name="satisfaction"
                  aria-label={t('visit.satisfactionValue', { n })}
                  checked={values.satisfaction === n}
                  onChange={() => setValue('satisfaction', n, { shouldDirty: true })}
                />
                {n}
              </label>
            ))}
            <label className="star">
              <input
                type="radio"
                name="satisfaction"
                checked={values.satisfaction === null}
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
            value={values.nps === null ? '' : String(values.nps)}
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
        {survey && (
          <SurveyQuestions
            survey={survey}
            answers={values.surveyAnswers}
            onAnswer={(id, a) => {
              const { [id]: _old, ...rest } = getValues('surveyAnswers')
              setValue('surveyAnswers', a === null ? rest : { ...rest, [id]: a }, { shouldDirty: true })
            }}
          />
        )}
        <fieldset>
          <legend>{t('visit.complaint')}</legend>
          <label>
            {t('visit.complaint')}
            <textarea rows={3} {...register('complaint')} {...ariaFor(err('complaint'), 'complaint')} />
            <Counter value={values.complaint} max={MAX_LENGTH.complaint} />
            <FieldMessage path="complaint" text={err('complaint')} />
          </label>
          <label>
            {t('visit.complaintCategory')}
            <select {...register('complaintCategory')}>
              {(policy?.complaintCategories ?? defaultComplaintCategories).map((c) => (
                <option key={c} value={c}>
                  {t(`code.complaintCategory.${c}`, { defaultValue: c })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('service.complaint.severity')}
            <select {...register('complaintSeverity')} data-testid="visit-complaint-severity">
              {complaintSeveritySchema.options.map((s) => (
                <option key={s} value={s}>
                  {t(`code.severity.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('visit.followUp')}</legend>
          <label>
            {t('visit.followUpTitle')}
            <input
              type="text"
              {...register('followUpTitle')}
              {...ariaFor(err('followUpTitle'), 'followUpTitle')}
            />
            <Counter value={values.followUpTitle} max={MAX_LENGTH.followUpTitle} />
            <FieldMessage path="followUpTitle" text={err('followUpTitle')} />
          </label>
          <label>
            {t('visit.followUpDue')}
            <input
              type="date"
              min={today}
              {...register('followUpDue')}
              {...ariaFor(err('followUpDue'), 'followUpDue')}
            />
            <FieldMessage path="followUpDue" text={err('followUpDue')} />
          </label>
        </fieldset>
        <PhotoPicker
          visitId={values.visitId}
          customerId={customer.id}
          photoIds={values.photoIds}
          onChange={(ids) => setValue('photoIds', ids, { shouldDirty: true })}
        />
        {Object.keys(errors).length > 0 && (
          <p className="error" role="alert">
            {t('visit.fixErrors')}
          </p>
        )}
        {status.kind === 'error' && (
          <p className="error" role="alert">
            {t('visit.saveFailed', { message: status.message })}
          </p>
        )}
        <div className="visit-actions">
          <button type="submit" className="primary" disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? t('visit.saving') : t('visit.checkOut')}
          </button>
          <button type="button" className="secondary" onClick={() => void discard()}>
            {t('visit.discardDraft')}
          </button>
        </div>
      </form>
    </section>
  )
}

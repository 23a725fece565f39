import { type Customer, maxOrderQuantity } from '@outrider/domain'
import { FormProvider } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { clockNow } from '../../shared/organisation-clock.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { fieldErrorText } from './field-errors.ts'
import { OrderLines } from './order-lines.tsx'
import { PhotoPicker } from './photo-picker.tsx'
import { draftIdFor } from './save-visit.ts'
import { useVisitAutosave } from './use-visit-autosave.ts'
import { useVisitForm } from './use-visit-form.ts'
import { useVisitSave } from './use-visit-save.ts'
import { VisitActions } from './visit-actions.tsx'
import { VisitBasics } from './visit-basics.tsx'
import { VisitCheckIn } from './visit-check-in.tsx'
import { VisitComplaint } from './visit-complaint.tsx'
import { VisitFollowUp } from './visit-follow-up.tsx'
import type { VisitForm } from './visit-form.ts'
import { VisitRating } from './visit-rating.tsx'
import { VisitSaved } from './visit-saved.tsx'
import { VisitSurvey } from './visit-survey.tsx'

type Props = { customer: Customer; initial: VisitForm; restored: boolean }

/** The visit form: every change is autosaved as a draft; check-out stores the records. */
export function VisitEditor({ customer, initial, restored }: Props) {
  const { t } = useTranslation()
  const { insights } = useInsights()
  const { form, policy } = useVisitForm(initial)
  const { register, control, setValue, watch, handleSubmit, formState } = form
  const finished = useVisitAutosave(form, draftIdFor(customer.id))
  const tier = insights?.byCustomer[customer.id]?.tier ?? 'C'
  const { status, save, discard } = useVisitSave(form, { customerId: customer.id, policy, tier, finished })
  const maxQuantity = maxOrderQuantity(policy)
  const err = fieldErrorText(t, formState.errors, maxQuantity)
  if (status.kind === 'saved') return <VisitSaved customerId={customer.id} name={customer.name} />
  const lines = { control, register, setValue, errorText: err, maxQuantity }
  const photos = (ids: string[]) => setValue('photoIds', ids, { shouldDirty: true })
  return (
    <section className="visit" aria-labelledby="visit-title">
      <h1 id="visit-title">{t('visit.title', { name: customer.name })}</h1>
      {restored && (
        <p className="notice" role="status" data-testid="draft-restored">
          {t('visit.draftRestored')} {t('visit.restoredChoose')}
        </p>
      )}
      <FormProvider {...form}>
        <form onSubmit={(e) => void handleSubmit(save)(e)} noValidate>
          <VisitCheckIn customer={customer} policy={policy} err={err} />
          <VisitBasics err={err} />
          <OrderLines {...lines} />
          <VisitRating />
          <VisitSurvey survey={policy?.tiers[tier].survey} />
          <VisitComplaint err={err} categories={policy?.complaintCategories} />
          <VisitFollowUp err={err} today={clockNow().today} />
          <PhotoPicker
            visitId={watch('visitId')}
            customerId={customer.id}
            photoIds={watch('photoIds')}
            onChange={photos}
          />
          <VisitActions
            status={status}
            hasErrors={Object.keys(formState.errors).length > 0}
            onDiscard={() => void discard()}
          />
        </form>
      </FormProvider>
    </section>
  )
}

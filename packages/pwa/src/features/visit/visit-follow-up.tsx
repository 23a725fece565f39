import { useId } from 'react'
import { useFormContext } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { DateField } from '../../shared/date-field.tsx'
import { ariaFor, type FieldErrorText } from './field-errors.ts'
import { Counter, FieldMessage } from './field-message.tsx'
import { MAX_LENGTH, type VisitForm } from './visit-form.ts'

/** A follow-up task: what and by when (today at the earliest, picked in the user's date format). */
export function VisitFollowUp({ err, today }: { err: FieldErrorText; today: string }) {
  const { t } = useTranslation()
  const dueId = useId()
  const { register, setValue, watch, formState } = useFormContext<VisitForm>()
  return (
    <fieldset>
      <legend>{t('visit.followUp')}</legend>
      <label>
        {t('visit.followUpTitle')}
        <input
          type="text"
          {...register('followUpTitle')}
          {...ariaFor(err('followUpTitle'), 'followUpTitle')}
        />
        <Counter value={watch('followUpTitle')} max={MAX_LENGTH.followUpTitle} />
        <FieldMessage path="followUpTitle" text={err('followUpTitle')} />
      </label>
      <label htmlFor={dueId}>
        {t('visit.followUpDue')}
        <DateField
          id={dueId}
          title={t('visit.followUpDue')}
          value={watch('followUpDue')}
          min={today}
          clearable
          onChange={(day) =>
            setValue('followUpDue', day, { shouldDirty: true, shouldValidate: formState.isSubmitted })
          }
          data-testid="visit-follow-up-due"
          {...ariaFor(err('followUpDue'), 'followUpDue')}
        />
        <FieldMessage path="followUpDue" text={err('followUpDue')} />
      </label>
    </fieldset>
  )
}

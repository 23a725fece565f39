import { complaintSeveritySchema, defaultComplaintCategories } from '@outrider/domain'
import { useFormContext } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { ariaFor, type FieldErrorText } from './field-errors.ts'
import { Counter, FieldMessage } from './field-message.tsx'
import { MAX_LENGTH, type VisitForm } from './visit-form.ts'

type Props = { err: FieldErrorText; categories: readonly string[] | undefined }

/** A complaint the customer raised: what, which category (the policy's list), how severe. */
export function VisitComplaint({ err, categories }: Props) {
  const { t } = useTranslation()
  const { register, watch } = useFormContext<VisitForm>()
  return (
    <fieldset>
      <legend>{t('visit.complaint')}</legend>
      <label>
        {t('visit.complaint')}
        <textarea rows={3} {...register('complaint')} {...ariaFor(err('complaint'), 'complaint')} />
        <Counter value={watch('complaint')} max={MAX_LENGTH.complaint} />
        <FieldMessage path="complaint" text={err('complaint')} />
      </label>
      <label>
        {t('visit.complaintCategory')}
        <select {...register('complaintCategory')}>
          {(categories ?? defaultComplaintCategories).map((c) => (
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
  )
}

import { visitOutcomeSchema, visitPurposeSchema } from '@outrider/domain'
import { useFormContext } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { ariaFor, type FieldErrorText } from './field-errors.ts'
import { Counter, FieldMessage } from './field-message.tsx'
import { MAX_LENGTH, type VisitForm } from './visit-form.ts'

/** Why the rep came, what was said, and how it went. */
export function VisitBasics({ err }: { err: FieldErrorText }) {
  const { t } = useTranslation()
  const { register, watch } = useFormContext<VisitForm>()
  return (
    <>
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
        <Counter value={watch('notes')} max={MAX_LENGTH.notes} />
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
    </>
  )
}

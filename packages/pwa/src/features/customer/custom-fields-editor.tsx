import { type CustomField, type CustomFieldIssue, customFieldInputText } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { customFieldLabel, customFieldProblemText } from '../../shared/custom-fields.ts'

/**
 * One input per custom field the admin defined, fitting its type (text, number, date, a choice's
 * options), required ones marked, and each refusal shown under its own field.
 */
export function CustomFieldsEditor(props: {
  fields: readonly CustomField[]
  texts: Readonly<Record<string, string>>
  issues: readonly CustomFieldIssue[]
  onChange: (key: string, text: string) => void
}) {
  const { t, i18n } = useTranslation()
  const { fields, texts, issues, onChange } = props
  if (fields.length === 0) return null
  return (
    <fieldset className="custom-fields" data-testid="custom-fields">
      <legend>{t('customer.custom.title')}</legend>
      {fields.map((field) => {
        const issue = issues.find((i) => i.key === field.key)
        const errorId = `custom-field-error-${field.key}`
        const common = {
          id: `custom-field-${field.key}`,
          'aria-invalid': issue ? true : undefined,
          'aria-describedby': issue ? errorId : undefined,
          'data-field': field.key,
          value: texts[field.key] ?? '',
        } as const
        return (
          <label key={field.key} htmlFor={common.id}>
            {customFieldLabel(field, i18n.language)}
            {field.required && <span className="required"> {t('customer.custom.required')}</span>}
            {field.type === 'choice' ? (
              <select {...common} onChange={(e) => onChange(field.key, e.target.value)}>
                <option value="">{t('customer.custom.none')}</option>
                {field.options.map((o) => (
                  <option key={o} value={o}>
                    {o}
                  </option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={field.type === 'date' ? 'date' : 'text'}
                inputMode={field.type === 'number' ? 'decimal' : undefined}
                maxLength={field.type === 'text' ? 500 : 40}
                onChange={(e) => onChange(field.key, e.target.value)}
              />
            )}
            {issue && (
              <span className="error" id={errorId} role="alert">
                {customFieldProblemText(t, issue.problem, field)}
              </span>
            )}
          </label>
        )
      })}
    </fieldset>
  )
}

/** The customer's values of the offered custom fields, label and value a line (nothing when none is set). */
export function CustomFieldValues(props: {
  fields: readonly CustomField[]
  values: Readonly<Record<string, unknown>>
}) {
  const { i18n } = useTranslation()
  const set = props.fields.filter((f) => Object.hasOwn(props.values, f.key))
  if (set.length === 0) return null
  return (
    <dl className="custom-values" data-testid="custom-values">
      {set.map((f) => (
        <div key={f.key}>
          <dt>{customFieldLabel(f, i18n.language)}</dt>
          <dd>{customFieldInputText(props.values[f.key])}</dd>
        </div>
      ))}
    </dl>
  )
}

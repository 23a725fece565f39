import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form'
import { useTranslation } from 'react-i18next'
import { FieldError } from './field-error.tsx'

export type PasswordPair = { password: string; confirm: string }

/** A new password typed twice (the check that they match is the form's). */
export function PasswordFields({
  fields,
  errors,
  labels,
}: {
  /** The form's registration of both fields (`register('password')`, `register('confirm')`). */
  fields: { password: UseFormRegisterReturn; confirm: UseFormRegisterReturn }
  errors: FieldErrors<PasswordPair>
  labels: { password: string; confirm: string }
}) {
  const { t } = useTranslation()
  return (
    <>
      <label>
        {t(labels.password)}
        <input type="password" autoComplete="new-password" {...fields.password} {...aria(errors.password)} />
        <FieldError error={errors.password} id="password" />
      </label>
      <label>
        {t(labels.confirm)}
        <input type="password" autoComplete="new-password" {...fields.confirm} {...aria(errors.confirm)} />
        <FieldError error={errors.confirm} id="confirm" />
      </label>
    </>
  )
}

/** Marks a field invalid and points it at its message (`FieldError` with the same id). */
export function aria(error: { message?: string | undefined } | undefined, id?: string) {
  return error ? { 'aria-invalid': true as const, ...(id ? { 'aria-describedby': `${id}-error` } : {}) } : {}
}

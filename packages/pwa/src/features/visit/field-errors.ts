import type { TFunction } from 'i18next'
import { type FieldErrors, get } from 'react-hook-form'
import { MAX_LENGTH, type VisitForm } from './visit-form.ts'

export type FieldErrorText = (path: string) => string | undefined

/**
 * The translated error of one form field by its path ("lines.0.quantity"), or undefined. The form's
 * schema puts message keys of `visit.errors` on its issues, so every message reads in the user's language.
 */
export function fieldErrorText(
  t: TFunction,
  errors: FieldErrors<VisitForm>,
  maxQuantity: number,
): FieldErrorText {
  return (path) => {
    const e = get(errors, path) as { message?: string } | undefined
    if (!e?.message) return undefined
    const field = path.split('.').at(-1) ?? ''
    const max = MAX_LENGTH[field as keyof typeof MAX_LENGTH] ?? maxQuantity
    return t(`visit.errors.${e.message}`, { max, defaultValue: t('forms.invalid') })
  }
}

/** Id of a field's error message, for aria-describedby. */
export const errorId = (path: string) => `visit-${path.replaceAll('.', '-')}-error`

/** Marks a field invalid and points it at its message. */
export function ariaFor(text: string | undefined, path: string) {
  return text ? { 'aria-invalid': true as const, 'aria-describedby': errorId(path) } : {}
}

import type { InputHTMLAttributes } from 'react'
import { FieldNote, fieldMarks } from './field-note.tsx'

type InputLimits = Pick<InputHTMLAttributes<HTMLInputElement>, 'min' | 'max' | 'step' | 'inputMode'>

/**
 * A labelled number input with its own error under it (an alert; the input is marked invalid and
 * points at it). The error's element id is `${id}-error`.
 */
export function NumberField({
  id,
  label,
  value,
  onChange,
  error,
  testId,
  ...limits
}: InputLimits & {
  id: string
  label: string
  /** Null and NaN show an empty field; a string is shown as typed. */
  value: number | string | null
  /** What the field holds now, '' when emptied. */
  onChange: (typed: string) => void
  error: string | undefined
  testId?: string
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        {...limits}
        value={value === null || Number.isNaN(value) ? '' : value}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value)}
        {...fieldMarks(id, error)}
      />
      <FieldNote id={id} error={error} alert />
    </label>
  )
}

import { errorId } from './field-errors.ts'

/** A field's error, right below it (the field points here with aria-describedby). */
export function FieldMessage({ path, text }: { path: string; text: string | undefined }) {
  if (!text) return null
  return (
    <span id={errorId(path)} className="field-error" role="alert">
      {text}
    </span>
  )
}

/** Characters used of the most allowed, beside a text field. */
export function Counter({ value, max }: { value: string; max: number }) {
  return (
    <span className={value.length > max ? 'counter over' : 'counter'} aria-hidden="true">
      {value.length}/{max}
    </span>
  )
}

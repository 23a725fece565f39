/**
 * A field's error right under it, in the user's language, and the attributes that tie the field to
 * it (a screen reader reads the error with the field; the field is marked invalid).
 */
export function fieldMarks(id: string, error: string | null | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}
}

/** `alert`: announced as it appears (a form whose errors show one field at a time as they are typed). */
export function FieldNote({
  id,
  error,
  alert = false,
}: {
  id: string
  error: string | null | undefined
  alert?: boolean
}) {
  if (!error) return null
  return (
    <span id={`${id}-error`} className="field-error" role={alert ? 'alert' : undefined}>
      {error}
    </span>
  )
}

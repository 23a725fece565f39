import { useTranslation } from 'react-i18next'

/** A field's error in the user's language; the form's schema puts `firstRun.errors` keys on its issues. */
export function FieldError({
  error,
  id,
}: {
  error: { message?: string | undefined } | undefined
  id: string
}) {
  const { t } = useTranslation()
  if (!error?.message) return null
  return (
    <span className="error" id={`${id}-error`}>
      {t(`firstRun.errors.${error.message}`)}
    </span>
  )
}

import { useTranslation } from 'react-i18next'

/** Call and text buttons for a phone number, named after whom they reach (the customer or a contact). */
export function PhoneActions({ name, phone }: { name: string; phone: string | undefined }) {
  const { t } = useTranslation()
  if (!phone) return null
  return (
    <>
      <a className="button secondary" href={`tel:${phone}`} aria-label={t('customer.callLabel', { name })}>
        {t('customer.call')}
      </a>
      <a className="button secondary" href={`sms:${phone}`} aria-label={t('customer.messageLabel', { name })}>
        {t('customer.message')}
      </a>
    </>
  )
}

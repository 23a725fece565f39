import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'

/** What the rep sees once the visit is stored: done, and the way back to the customer. */
export function VisitSaved({ customerId, name }: { customerId: string; name: string }) {
  const { t } = useTranslation()
  return (
    <section className="visit" aria-labelledby="visit-title">
      <h1 id="visit-title">{t('visit.title', { name })}</h1>
      <p role="status" data-testid="visit-saved">
        {t('visit.saved')}
      </p>
      <Link className="button" to={`/customers/${customerId}`}>
        {t('visit.backToCustomer')}
      </Link>
    </section>
  )
}

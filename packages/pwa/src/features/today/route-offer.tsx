import { useTranslation } from 'react-i18next'
import type { RouteOffer as Offer } from './plan-hold.ts'

/** A better route the background analysis found: the rep decides, the shown plan never changes by itself. */
export function RouteOffer({
  offer,
  busy,
  onAccept,
  onDecline,
}: {
  offer: Offer
  busy: boolean
  onAccept: () => void
  onDecline: () => void
}) {
  const { t } = useTranslation()
  const what =
    offer.addedStops > 0
      ? t('today.offerMore', { count: offer.addedStops })
      : t('today.offerSaves', { minutes: offer.savesMinutes })
  return (
    <div className="note route-offer" role="status" data-testid="route-offer">
      <p>{t('today.offer', { what })}</p>
      <div className="today-actions">
        <button type="button" onClick={onAccept} disabled={busy}>
          {t('today.offerAccept')}
        </button>
        <button type="button" className="secondary" onClick={onDecline} disabled={busy}>
          {t('today.offerDecline')}
        </button>
      </div>
    </div>
  )
}

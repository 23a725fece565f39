import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { logFailure } from '../../platform/log-failure.ts'
import { useLiveDoc } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { ensureSyncTracker } from '../../store/sync/sync-tracker.ts'
import { draftIdFor } from './save-visit.ts'
import { VisitEditor } from './visit-editor.tsx'
import { emptyVisitForm, restoreVisitForm, type VisitForm } from './visit-form.ts'
import './visit.css'

/** `/visit/:customerId`: loads the customer and any unfinished draft, then shows the editor. */
export default function VisitPage() {
  const { t } = useTranslation()
  const { customerId = '' } = useParams()
  const app = useOutrider()
  const { device } = app
  // Keeps the pending-changes outbox current while the rep works (see sync-tracker).
  ensureSyncTracker(app)
  const customer = useLiveDoc('customers', customerId)
  const [initial, setInitial] = useState<{ form: VisitForm; restored: boolean; for: string } | null>(null)
  useEffect(() => {
    let live = true
    void device.drafts
      .get(draftIdFor(customerId))
      .catch((err: unknown) => {
        logFailure('the saved draft could not be read; the form starts empty')(err)
        return undefined
      })
      .then((d) => {
        if (!live) return
        setInitial(
          d
            ? { form: restoreVisitForm(d.data), restored: true, for: customerId }
            : { form: emptyVisitForm(), restored: false, for: customerId },
        )
      })
    return () => {
      live = false
    }
  }, [device, customerId])

  if (customer === null || !initial || initial.for !== customerId)
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    )
  if (customer === undefined)
    return (
      <section className="visit">
        <p role="alert">{t('visit.unknownCustomer')}</p>
        <Link to="/customers">{t('nav.customers')}</Link>
      </section>
    )
  return (
    <VisitEditor key={customerId} customer={customer} initial={initial.form} restored={initial.restored} />
  )
}

import {
  isCancelled,
  latestRevisions,
  type Order,
  orderTotal,
  revisionHistory,
  type Visit,
} from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CorrectionForm } from '../../shared/correction-form.tsx'
import { RevisionHistory } from '../../shared/revision-history.tsx'
import { useOutrider } from '../../store/outrider-context.ts'
import { correctRecord } from '../../store/writes.ts'

/**
 * A reviewed visit's correction trail for its supervisor: the visit's revisions and those of the orders
 * taken at it, each with who stored it, when and why, and "correct or cancel" for each. A correction is
 * appended on this device and sent by the outbox like the rep's own (so it works offline); the server
 * keeps the record the rep's and says the supervisor corrected it.
 */
export function VisitCorrections({
  visit,
  visits,
  orders,
  nameOf,
}: {
  /** The visit's latest revision. */
  visit: Visit
  /** Every revision the device holds (of the team's visits and orders). */
  visits: readonly Visit[]
  orders: readonly Order[]
  nameOf: (userId: string | undefined) => string
}) {
  const { t, i18n } = useTranslation()
  const { db } = useOutrider()
  const chain = visits.filter((v) => v.revisionOf === visit.revisionOf)
  // An order names the visit it was taken at by the id of the revision it saw.
  const visitIds = new Set([visit.revisionOf, ...chain.map((v) => v.id)])
  const taken = latestRevisions(orders.filter((o) => o.visitId !== null && visitIds.has(o.visitId)))
  const money = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'CNY' })
  return (
    <section className="visit-corrections" data-testid="visit-corrections">
      <h3>{t('review.corrections')}</h3>
      {visit.cancelled === true && (
        <p className="badge review-cancelled" data-testid="visit-cancelled">
          {t('correction.cancelled')}
        </p>
      )}
      {chain.length < 2 && <p className="muted">{t('review.notCorrected')}</p>}
      <RevisionHistory<Visit> steps={revisionHistory(visits, visit.revisionOf)} nameOf={nameOf} />
      {visit.cancelled !== true && (
        <Correct
          kind="visit"
          record={visit}
          onSave={async (changes, reason) => {
            await correctRecord(db, 'visits', chain, changes, reason)
          }}
        />
      )}
      {taken.map((order) => {
        const cancelled = isCancelled(order)
        const orderChain = orders.filter((o) => o.revisionOf === order.revisionOf)
        return (
          <div key={order.revisionOf} className="visit-order" data-testid="visit-order">
            <p>
              {t('review.takenOrder', {
                count: order.lines.length,
                total: money.format(orderTotal(order.lines)),
              })}
              {cancelled && ` · ${t('code.orderStatus.cancelled')}`}
            </p>
            <RevisionHistory<Order> steps={revisionHistory(orders, order.revisionOf)} nameOf={nameOf} />
            {!cancelled && (
              <Correct
                kind="order"
                record={order}
                onSave={async (changes, reason) => {
                  await correctRecord(db, 'orders', orderChain, changes, reason)
                }}
              />
            )}
          </div>
        )
      })}
    </section>
  )
}

/** The "correct or cancel" button and, once pressed, the shared correction form. */
function Correct(
  props:
    | { kind: 'visit'; record: Visit; onSave: (changes: Partial<Visit>, reason: string) => Promise<void> }
    | { kind: 'order'; record: Order; onSave: (changes: Partial<Order>, reason: string) => Promise<void> },
) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  if (!open)
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        {t('correction.open')}
      </button>
    )
  const close = () => setOpen(false)
  return props.kind === 'visit' ? (
    <CorrectionForm kind="visit" record={props.record} onSave={props.onSave} onClose={close} />
  ) : (
    <CorrectionForm kind="order" record={props.record} onSave={props.onSave} onClose={close} />
  )
}

import type { Order, Visit } from '@outrider/domain'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CorrectionForm } from '../../shared/correction-form.tsx'
import { organisationTimeZone } from '../../shared/organisation-clock.ts'
import { RevisionHistory } from '../../shared/revision-history.tsx'
import { useLiveQuery, useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { correctRecord } from '../../store/writes.ts'
import type { TimelineItem } from './build-timeline.ts'
import { VisitReview } from './visit-review.tsx'

export function Timeline({ items }: { items: TimelineItem[] }) {
  const { t, i18n } = useTranslation()
  const users = useReference('users') ?? []
  const nameOf = (id: string | undefined) => users.find((u) => u.id === id)?.displayName ?? id ?? '—'
  if (items.length === 0) return <p className="muted">{t('customer.noHistory')}</p>
  return (
    <ol className="timeline" data-testid="timeline">
      {items.slice(0, 200).map((i) => (
        <li key={`${i.kind}-${i.id}`} className={`tl-${i.kind}`}>
          <span className="tl-head">
            <span className="badge">
              {i.kind === 'visit' && i.channel !== 'visit'
                ? t(`code.channel.${i.channel}`)
                : t(`customer.kind.${i.kind}`)}
            </span>{' '}
            <time dateTime={i.at}>
              {new Date(i.at).toLocaleDateString(i18n.language, { timeZone: organisationTimeZone() })}
            </time>
          </span>
          <span>{describe(i, t, i18n.language)}</span>
          {i.kind === 'visit' && i.review && i.review.status !== 'pending' && (
            <VisitReview visitId={i.id} review={i.review} />
          )}
          {(i.kind === 'visit' || i.kind === 'order') && (
            <>
              <RevisionHistory<Visit | Order> steps={i.history} nameOf={nameOf} />
              {!i.cancelled && <Correction item={i} />}
            </>
          )}
        </li>
      ))}
    </ol>
  )
}

/** The "correct or cancel" button of a visit or an order, and its form once opened. */
function Correction({ item }: { item: Extract<TimelineItem, { kind: 'visit' | 'order' }> }) {
  const { t } = useTranslation()
  const { db } = useOutrider()
  const [open, setOpen] = useState(false)
  // Every revision the device holds, so the correction is numbered after the highest.
  const byCustomer = { selector: { customerId: item.record.customerId } }
  const orders = useLiveQuery('orders', byCustomer, [item.record.customerId])
  const visits = useLiveQuery('visits', byCustomer, [item.record.customerId])
  if (!open)
    return (
      <button type="button" className="link" onClick={() => setOpen(true)}>
        {t('correction.open')}
      </button>
    )
  const close = () => setOpen(false)
  const sameChain = <T extends { revisionOf: string }>(docs: readonly T[] | null | undefined) =>
    (docs ?? []).filter((d) => d.revisionOf === item.record.revisionOf)
  return item.kind === 'order' ? (
    <CorrectionForm
      kind="order"
      record={item.record}
      onClose={close}
      onSave={async (changes, reason) => {
        await correctRecord(db, 'orders', sameChain(orders), changes, reason)
      }}
    />
  ) : (
    <CorrectionForm
      kind="visit"
      record={item.record}
      onClose={close}
      onSave={async (changes, reason) => {
        await correctRecord(db, 'visits', sameChain(visits), changes, reason)
      }}
    />
  )
}

const money = (n: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: 'currency', currency: 'CNY' }).format(n)

function describe(i: TimelineItem, t: TFunction, lang: string): string {
  switch (i.kind) {
    case 'visit':
      return [
        i.cancelled ? t('correction.cancelled') : '',
        t('customer.visitOutcome', { outcome: t(`code.outcome.${i.outcome}`) }),
        i.nps === null ? '' : t('customer.nps', { score: i.nps }),
        i.notes,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'order':
      return (
        t('customer.orderTotal', { count: i.lines, total: money(i.total, lang) }) +
        (i.cancelled ? ` · ${t('code.orderStatus.cancelled')}` : '')
      )
    case 'feedback':
      return [
        i.score === null ? '' : t('customer.feedbackScore', { score: i.score }),
        i.complaint ? t('customer.complaint', { status: t(`code.complaintStatus.${i.complaint}`) }) : '',
        i.comment,
      ]
        .filter(Boolean)
        .join(' · ')
    case 'task':
      return `${i.title} · ${t('customer.taskDue', {
        due: new Date(`${i.due}T00:00:00Z`).toLocaleDateString(lang, { timeZone: 'UTC' }),
        status: t(`code.taskStatus.${i.status}`),
      })}`
  }
}

import type { Customer } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { CustomerInsight } from '../../worker/insights-types.ts'
import { formatMinute } from '../../worker/local-clock.ts'
import type { DocStop } from './day-plan-stops.ts'
import { mapsLinks } from './maps-links.ts'

type Props = {
  index: number
  stop: DocStop
  leg: { minutes: number; km: number } | null
  customer: Customer | undefined
  insight: CustomerInsight | undefined
  lunchBefore: { start: number; end: number } | null
  busy: boolean
  onMark: (customerId: string, status: DocStop['status']) => void
  b: (text: { en: string; zh: string } | null | undefined) => string
}

/** One timed stop: when, how far, why, and what the rep can do there. */
export function StopCard({ index, stop, leg, customer, insight, lunchBefore, busy, onMark, b }: Props) {
  const { t } = useTranslation()
  const name = customer?.name ?? stop.customerId
  return (
    <>
      {lunchBefore && (
        <li className="lunch">
          {t('today.lunch')} {formatMinute(lunchBefore.start)}–{formatMinute(lunchBefore.end)}
        </li>
      )}
      <li
        className={`stop stop-${stop.status}`}
        data-testid="stop"
        data-customer-id={stop.customerId}
        data-start={stop.start}
      >
        {leg && <p className="leg muted">{t('today.travel', { minutes: leg.minutes, km: leg.km })}</p>}
        <StopHead index={index} stop={stop} customer={customer} insight={insight} name={name} />
        {insight && (
          <details className="why">
            <summary>{t('today.why', { priority: insight.priority })}</summary>
            <ul>
              {insight.explanations.priority.map((f) => (
                <li key={`${f.code}:${f.en}`}>{b(f)}</li>
              ))}
            </ul>
          </details>
        )}
        <StopActions stop={stop} customer={customer} name={name} busy={busy} onMark={onMark} />
      </li>
    </>
  )
}

/** The stop's number, customer, times and state. */
function StopHead({
  index,
  stop,
  customer,
  insight,
  name,
}: Pick<Props, 'index' | 'stop' | 'customer' | 'insight'> & { name: string }) {
  const { t } = useTranslation()
  const wait = stop.start - stop.arrive
  return (
    <div className="stop-head">
      <span className="stop-no" aria-hidden="true">
        {index + 1}
      </span>
      <div>
        <h3>
          <Link to={`/customers/${stop.customerId}`}>{name}</Link>
        </h3>
        <p className="stop-times">
          {t('today.arrive', { time: formatMinute(stop.arrive) })}
          {wait > 0 && ` · ${t('today.wait', { minutes: wait })}`} ·{' '}
          <strong>
            {t('today.visitWindow', {
              start: formatMinute(stop.start),
              depart: formatMinute(stop.depart),
            })}
          </strong>
        </p>
        <p className="muted">
          {t(`code.stopStatus.${stop.status}`)}
          {insight && insight.daysOverdue > 0 && ` · ${t('today.overdue', { days: insight.daysOverdue })}`}
          {insight && insight.daysOverdue === 0 && ` · ${t('today.dueToday')}`}
          {customer && ` · ${customer.address}`}
        </p>
      </div>
    </div>
  )
}

/** Start the visit, find the way there, tick the stop done or skipped. */
function StopActions({
  stop,
  customer,
  name,
  busy,
  onMark,
}: Pick<Props, 'stop' | 'customer' | 'busy' | 'onMark'> & { name: string }) {
  const { t } = useTranslation()
  const links = customer?.location ? mapsLinks(customer.location, name) : null
  return (
    <div className="stop-actions">
      <Link
        className="button"
        to={`/visit/${stop.customerId}`}
        aria-label={t('today.startVisitLabel', { name })}
      >
        {t('today.startVisit')}
      </Link>
      {links && (
        <>
          <a className="button secondary" href={links.geo} aria-label={t('today.navigateLabel', { name })}>
            {t('today.navigate')}
          </a>
          <a
            className="button secondary"
            href={links.amap}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t('today.amapLabel', { name })}
          >
            {t('today.amap')}
          </a>
        </>
      )}
      {stop.status === 'planned' ? (
        <>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => onMark(stop.customerId, 'done')}
            aria-label={t('today.markDoneLabel', { name })}
          >
            {t('today.markDone')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => onMark(stop.customerId, 'skipped')}
            aria-label={t('today.markSkippedLabel', { name })}
          >
            {t('today.markSkipped')}
          </button>
        </>
      ) : null}
    </div>
  )
}

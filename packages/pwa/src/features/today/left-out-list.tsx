import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { useLiveQuery } from '../../store/hooks.ts'
import type { Insights, LeftOutReason } from '../../worker/insights-types.ts'

/** Due customers the day has no room for, with the planner's reason. */
export function LeftOutList({
  leftOut,
  insights,
  onAdd,
  busy,
}: {
  leftOut: { customerId: string; reason: LeftOutReason }[]
  insights: Insights | null
  /** Adds the customer to today's plan (re-plans with it); null when the day is over. */
  onAdd: ((customerId: string) => void) | null
  busy: boolean
}) {
  const { t } = useTranslation()
  const ids = leftOut.map((l) => l.customerId)
  const customers = useLiveQuery('customers', { selector: { id: { $in: ids } } }, [ids.join(',')])
  if (leftOut.length === 0) return null
  const names = new Map((customers ?? []).map((c) => [c.id, c.name]))
  return (
    <details className="left-out" data-testid="left-out">
      <summary>{t('today.leftOutTitle', { count: leftOut.length })}</summary>
      <ul>
        {leftOut.map((l) => {
          const overdue = insights?.byCustomer[l.customerId]?.daysOverdue ?? 0
          return (
            <li key={l.customerId}>
              <Link to={`/customers/${l.customerId}`}>{names.get(l.customerId) ?? l.customerId}</Link>{' '}
              <span className={`reason reason-${l.reason}`}>{t(`today.reason.${l.reason}`)}</span>
              {overdue > 0 && <span className="muted"> · {t('today.overdue', { days: overdue })}</span>}
              {onAdd && l.reason !== 'no_location' && l.reason !== 'closed' && (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => onAdd(l.customerId)}
                  aria-label={t('today.addToPlanLabel', { name: names.get(l.customerId) ?? '' })}
                >
                  {t('today.addToPlan')}
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </details>
  )
}

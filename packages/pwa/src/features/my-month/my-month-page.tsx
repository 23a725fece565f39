import { defaultServicePolicy } from '@outrider/domain'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useOrganisationClock } from '../../shared/organisation-clock.ts'
import { useLiveQuery, useReference } from '../../store/hooks.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { useOutrider } from '../../store/outrider-context.ts'
import { type MonthFigure, monthProgress } from './month-progress.ts'
import '../../shared/service.css'

const show = (f: MonthFigure, v: number | null) =>
  v === null ? '—' : f.share ? `${Math.round(v * 100)}%` : String(Math.round(v))

/** `/my-month`: the rep's month so far against the targets their supervisor set. */
export default function MyMonthPage() {
  const { t } = useTranslation()
  const { user } = useOutrider()
  const { insights } = useInsights()
  const today = useOrganisationClock().today
  const customers = useLiveQuery('customers', { selector: {} }, [])
  const visits = useLiveQuery('visits', { selector: {} }, [])
  const orders = useLiveQuery('orders', { selector: {} }, [])
  const tasks = useLiveQuery('tasks', { selector: { assigneeId: user.id } }, [user.id])
  const complaints = useLiveQuery('complaints', { selector: {} }, [])
  const policy = useReference('policies')?.[0] ?? defaultServicePolicy
  const figures = useMemo(
    () =>
      customers && visits && orders && tasks && complaints
        ? monthProgress({
            repId: user.id,
            teamId: user.teamId,
            today,
            customers,
            visits,
            orders,
            tasks,
            complaints,
            policy,
            tierOf: (id) => insights?.byCustomer[id]?.tier,
            segmentOf: (id) => insights?.byCustomer[id]?.segment ?? undefined,
          })
        : null,
    [customers, visits, orders, tasks, complaints, policy, insights, user.id, user.teamId, today],
  )
  return (
    <section className="my-month" aria-labelledby="my-month-title">
      <h1 id="my-month-title">{t('service.month.title')}</h1>
      {figures === null ? (
        <p role="status">…</p>
      ) : (
        <dl className="kpis" data-testid="my-month">
          {figures.map((f) => (
            <div key={f.key} data-testid={`month-${f.key}`}>
              <dt>{t(`service.month.${f.key}`)}</dt>
              <dd>
                <strong>{show(f, f.value)}</strong>{' '}
                <span className="muted">
                  {f.target === null
                    ? t('service.month.noTarget')
                    : t('service.month.target', { target: show(f, f.target) })}
                </span>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  )
}

import { formatDayNumber, parseDayNumber } from '@outrider/domain'
import { lazy, Suspense, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ClassifiedAgainstNote, classifiedAgainstOf } from '../../shared/classified-against.tsx'
import { organisationToday } from '../../shared/team-segments.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { useTeamData } from '../../store/use-team-data.ts'
import type { DashboardInput } from './compute-dashboard.ts'
import { FeedbackResults } from './feedback-results.tsx'
import { ServiceKpis } from './service-kpis.tsx'
import { useDashboardReport } from './use-dashboard-report.ts'
import '../../shared/tables.css'
import './dashboard.css'

const DashboardCharts = lazy(() => import('./dashboard-charts.tsx'))

type Preset = '7' | '30' | '90' | 'custom'

function daysAgo(today: string, n: number): string {
  return formatDayNumber(parseDayNumber(today) - n)
}

/** The team's figures for a period, computed on the device from the replicated team slice. */
export default function DashboardPage() {
  const { t } = useTranslation()
  const { user } = useOutrider()
  const data = useTeamData()
  const today = organisationToday(data?.policy)
  const [preset, setPreset] = useState<Preset>('30')
  const [custom, setCustom] = useState({ from: daysAgo(today, 29), to: today })
  const [teamId, setTeamId] = useState('')
  const period = preset === 'custom' ? custom : { from: daysAgo(today, Number(preset) - 1), to: today }
  const validPeriod =
    /^\d{4}-\d{2}-\d{2}$/.test(period.from) &&
    /^\d{4}-\d{2}-\d{2}$/.test(period.to) &&
    period.from <= period.to

  const { from, to } = period
  const input = useMemo<DashboardInput | null>(
    () =>
      data && validPeriod
        ? {
            customers: data.customers,
            visits: data.visits,
            orders: data.orders,
            feedback: data.feedback,
            tasks: data.tasks,
            complaints: data.complaints,
            teams: data.teams,
            reps: data.users.filter((u) => u.role === 'rep').map((u) => ({ id: u.id, name: u.displayName })),
            policy: data.policy,
            tagRules: data.tagRules,
            thresholds: data.thresholds?.thresholds ?? null,
            period: { from, to },
            teamId,
            asOf: today,
          }
        : null,
    [data, validPeriod, from, to, teamId, today],
  )
  const state = useDashboardReport(input)

  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      {data && (
        <ClassifiedAgainstNote against={classifiedAgainstOf(data.thresholds, data.customers.length)} />
      )}
      <div className="dash-filters">
        <label>
          {t('dashboard.period')}
          <select value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
            <option value="7">{t('dashboard.last7')}</option>
            <option value="30">{t('dashboard.last30')}</option>
            <option value="90">{t('dashboard.last90')}</option>
            <option value="custom">{t('dashboard.custom')}</option>
          </select>
        </label>
        {preset === 'custom' && (
          <>
            <label>
              {t('dashboard.from')}
              <input
                type="date"
                value={custom.from}
                onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))}
              />
            </label>
            <label>
              {t('dashboard.to')}
              <input
                type="date"
                value={custom.to}
                onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))}
              />
            </label>
          </>
        )}
        {user.role === 'admin' && (
          <label>
            {t('dashboard.team')}
            <select value={teamId} onChange={(e) => setTeamId(e.target.value)}>
              <option value="">{t('dashboard.allTeams')}</option>
              {(data?.teams ?? []).map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <p className="muted">{t('dashboard.fromLocal')}</p>
      {state.status === 'computing' && (
        <p role="status" className="loading">
          {t('dashboard.computing')}
        </p>
      )}
      {state.status === 'error' && (
        <p role="alert" className="error">
          {t('dashboard.failed', { message: state.message })}
        </p>
      )}
      {state.status === 'ready' && (
        <Suspense fallback={<p className="loading">{t('dashboard.chartFallback')}</p>}>
          <DashboardCharts report={state.report} />
        </Suspense>
      )}
      {state.status === 'ready' && <ServiceKpis report={state.report.service} />}
      {state.status === 'ready' && (
        <FeedbackResults service={state.report.service} surveys={state.report.surveys} />
      )}
    </section>
  )
}

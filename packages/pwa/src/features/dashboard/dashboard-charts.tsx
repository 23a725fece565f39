import { segmentLabel } from '@outrider/domain'
import { useTranslation } from 'react-i18next'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { ScrollRegion } from '../../shared/scroll-region.tsx'
import { DefinedTerm } from './churn-definitions.tsx'
import type { DashboardReport } from './compute-dashboard.ts'
import { GONE_KEY, NEW_KEY, type TransitionTable } from './transition-table.ts'

const palette = ['#0f766e', '#1d4ed8', '#b45309', '#7c3aed', '#be123c', '#15803d', '#0369a1', '#a16207']

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`)

function useClassLabel() {
  const { t, i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  return (key: string) => {
    if (key === NEW_KEY) return t('dashboard.newCustomer')
    if (key === GONE_KEY) return t('dashboard.gone')
    if (key === 'none') return t('dashboard.none')
    // Segment keys of either model get their label; tier names (A, B, C) are shown as they are.
    return segmentLabel(key)[zh ? 'zh' : 'en']
  }
}

function Transitions({ title, table, testId }: { title: string; table: TransitionTable; testId: string }) {
  const { t } = useTranslation()
  const label = useClassLabel()
  return (
    <figure className="card wide" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <p className="muted">{t('dashboard.movesSummary', { moved: table.moved, total: table.total })}</p>
      <ScrollRegion label={title}>
        <table className="moves">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.fromTo')}</th>
              {table.keys.map((k) => (
                <th key={k} scope="col">
                  {label(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.keys
              .filter((from) => table.counts[from])
              .map((from) => (
                <tr key={from}>
                  <th scope="row">{label(from)}</th>
                  {table.keys.map((to) => {
                    const n = table.counts[from]?.[to] ?? 0
                    return (
                      <td key={to} className={from === to ? 'same' : n > 0 ? 'moved' : ''}>
                        {n || ''}
                      </td>
                    )
                  })}
                </tr>
              ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  )
}

/** The dashboard's charts (recharts ships in this lazily loaded chunk only). */
export default function DashboardCharts({ report }: { report: DashboardReport }) {
  const { t } = useTranslation()
  return (
    <div className="dash-grid">
      <KpiList report={report} />
      <VisitsChart report={report} />
      <CoverageCard report={report} />
      <TierChart report={report} />
      <Transitions title={t('dashboard.tierMoves')} table={report.tierTransitions} testId="tier-moves" />
      <SegmentChart report={report} />
      <Transitions
        title={t('dashboard.segmentMoves')}
        table={report.segmentTransitions}
        testId="segment-moves"
      />
      <SatisfactionChart report={report} />
      <SalesCard report={report} />
    </div>
  )
}

/** Retention, churn, complaints, resolution time and satisfaction over the period. */
function KpiList({ report }: { report: DashboardReport }) {
  const { t } = useTranslation()
  const k = report.kpis
  return (
    <dl className="card kpis" data-testid="kpis">
      <div>
        <dt>
          <DefinedTerm name={t('dashboard.retention')} kpi="retentionRate" />
        </dt>
        <dd>{pct(k.retentionRate)}</dd>
      </div>
      <div>
        <dt>
          <DefinedTerm name={t('dashboard.churn')} kpi="churnRate" />
        </dt>
        <dd>{pct(k.churnRate)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.complaintRate')}</dt>
        <dd>{pct(k.complaintRate)}</dd>
      </div>
      <div>
        <dt>{t('dashboard.resolution')}</dt>
        <dd>
          {k.medianResolutionHours === null
            ? '—'
            : t('dashboard.hours', { value: Math.round(k.medianResolutionHours * 10) / 10 })}
        </dd>
      </div>
      <div>
        <dt>{t('dashboard.avgSatisfaction')}</dt>
        <dd>{k.averageSatisfaction === null ? '—' : k.averageSatisfaction.toFixed(2)}</dd>
      </div>
    </dl>
  )
}

/** Visits per day, stacked by rep. */
function VisitsChart({ report }: { report: DashboardReport }) {
  const { t } = useTranslation()
  return (
    <figure className="card wide" data-testid="chart-visits">
      <figcaption>{t('dashboard.visitsPerDay')}</figcaption>
      <ScrollRegion label={t('dashboard.visitsPerDay')}>
        <div style={{ minWidth: Math.max(320, report.visitsPerDay.length * 14), height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={report.visitsPerDay}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {report.reps.map((r, i) => (
                <Bar key={r.id} dataKey={r.id} name={r.name} stackId="v" fill={palette[i % palette.length]} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      </ScrollRegion>
    </figure>
  )
}

/** The share of due visits made on time, per tier. */
function CoverageCard({ report }: { report: DashboardReport }) {
  const { t } = useTranslation()
  return (
    <figure className="card" data-testid="chart-coverage">
      <figcaption>{t('dashboard.coverage')}</figcaption>
      <ul className="coverage">
        {report.coverage.map((c) => (
          <li key={c.tier}>
            <span className="tier">{c.tier}</span>{' '}
            {c.due === 0
              ? t('dashboard.noDue')
              : t('dashboard.coverageValue', { value: pct(c.value), onTime: c.onTime, due: c.due })}
            <meter min={0} max={1} value={c.value ?? 0} aria-label={`${c.tier} ${pct(c.value)}`} />
          </li>
        ))}
      </ul>
    </figure>
  )
}

/** Customers per tier at the start and the end of the period. */
function TierChart({ report }: { report: DashboardReport }) {
  const { t } = useTranslation()
  return (
    <figure className="card" data-testid="chart-tiers">
      <figcaption>{t('dashboard.tiers')}</figcaption>
      <div style={{ height: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={report.tierDistribution}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="key" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar dataKey="start" name={t('dashboard.start')} fill="#94a3b8" />
            <Bar dataKey="end" name={t('dashboard.end')} fill="#0f766e" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}

/** Customers per segment at the start and the end of the period. */
function SegmentChart({ report }: { report: DashboardReport }) {
  const { t } = useTranslation()
  const label = useClassLabel()
  const segments = report.segmentDistribution.map((r) => ({ ...r, name: label(r.key) }))
  return (
    <figure className="card wide" data-testid="chart-segments">
      <figcaption>{t('dashboard.segments')}</figcaption>
      <div style={{ height: Math.max(220, segments.length * 34) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={segments} layout="vertical" margin={{ left: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={110} />
            <Tooltip />
            <Legend />
            <Bar dataKey="start" name={t('dashboard.start')} fill="#94a3b8" />
            <Bar dataKey="end" name={t('dashboard.end')} fill="#1d4ed8" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  )
}

/** The average satisfaction week by week. */
function SatisfactionChart({ report }: { report: DashboardReport }) {
  const { t } = useTranslation()
  return (
    <figure className="card" data-testid="chart-satisfaction">
      <figcaption>{t('dashboard.satisfaction')}</figcaption>
      {report.satisfaction.length === 0 ? (
        <p className="muted">{t('dashboard.noSatisfaction')}</p>
      ) : (
        <div style={{ height: 220 }}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={report.satisfaction}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="week" tickFormatter={(d: string) => d.slice(5)} />
              <YAxis domain={[1, 5]} />
              <Tooltip />
              <Line dataKey="average" name={t('dashboard.avgSatisfaction')} stroke="#be123c" />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  )
}

/** Revenue per rep, charted and tabled with orders and retention. */
function SalesCard({ report }: { report: DashboardReport }) {
  const { t, i18n } = useTranslation()
  return (
    <figure className="card wide" data-testid="chart-sales">
      <figcaption>{t('dashboard.sales')}</figcaption>
      <div style={{ height: 220 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={report.salesPerRep}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis />
            <Tooltip />
            <Bar dataKey="revenue" name={t('dashboard.revenue')} fill="#0f766e" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ScrollRegion label={t('dashboard.sales')}>
        <table className="moves">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.rep')}</th>
              <th scope="col">{t('dashboard.revenue')}</th>
              <th scope="col">{t('dashboard.orders')}</th>
              <th scope="col">{t('dashboard.repRetention')}</th>
            </tr>
          </thead>
          <tbody>
            {report.salesPerRep.map((r) => (
              <tr key={r.id}>
                <th scope="row">{r.name}</th>
                <td>{r.revenue.toLocaleString(i18n.language)}</td>
                <td>{r.orders}</td>
                <td>{pct(r.retention)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </figure>
  )
}

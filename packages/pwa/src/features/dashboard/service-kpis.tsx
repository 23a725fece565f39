import type { Kpi, KpiSet } from '@outrider/domain'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../../shared/scroll-region.tsx'
import { churnedStageParams } from './churn-definitions.tsx'
import type { ServiceReport, ServiceRow } from './service-report.ts'
import '../../shared/service.css'

type Format = 'share' | 'money' | 'hours' | 'score' | 'nps' | 'rate' | 'count'
/** Every KPI the engine computes, in order, with how each value reads. */
const KPIS: [keyof KpiSet, Format][] = [
  ['customers', 'count'],
  ['revenue', 'money'],
  ['orders', 'count'],
  ['retentionRate', 'share'],
  ['churnRate', 'share'],
  ['repeatPurchaseRate', 'share'],
  ['averageOrderValue', 'money'],
  ['historicalClv', 'money'],
  ['predictedClv', 'money'],
  ['averageSatisfaction', 'score'],
  ['netPromoterScore', 'nps'],
  ['promoterShare', 'share'],
  ['complaintRate', 'share'],
  ['medianResolutionHours', 'hours'],
  ['visitCoverage', 'share'],
  ['visits', 'count'],
  ['contacts', 'count'],
  ['visitsPerRepPerWorkingDay', 'rate'],
  ['tasksOnTimeRate', 'share'],
  ['careTasksOnTimeRate', 'share'],
]

function show(figure: Kpi | number, format: Format, t: TFunction): string {
  if (typeof figure === 'number') return figure.toLocaleString()
  const kpi = figure
  const v = kpi.value
  if (v === null) return '—'
  switch (format) {
    case 'share':
      return `${Math.round(v * 100)}%`
    case 'money':
      return `¥${Math.round(v).toLocaleString()}`
    case 'hours':
      return t('service.kpi.hours', { value: Math.round(v * 10) / 10 })
    case 'score':
    case 'rate':
      return (Math.round(v * 100) / 100).toString()
    case 'count':
      return Math.round(v).toLocaleString()
    case 'nps':
      return t('service.kpi.sample', {
        value: (Math.round(v * 1000) / 10).toFixed(1),
        n: kpi.denominator ?? 0,
      })
  }
}

/**
 * Every KPI the engine computes, by rep, team or tier, each with its definition one tap away, and the
 * period's complaints by state and category from the complaint records.
 */
export function ServiceKpis({ report }: { report: ServiceReport }) {
  const { t } = useTranslation()
  const [by, setBy] = useState<'byRep' | 'byTeam' | 'byTier'>('byRep')
  // The figure whose definition is open: tapping a column's name shows what it means under the table.
  const [defined, setDefined] = useState<keyof KpiSet | null>(null)
  const rows: ServiceRow[] = [
    ...(report.overall ? [{ key: 'overall', label: t('service.kpi.overall'), kpis: report.overall }] : []),
    ...report[by],
  ]
  const c = report.complaints
  return (
    <section className="service-kpis" aria-labelledby="service-kpis-title" data-testid="service-kpis">
      <h2 id="service-kpis-title">{t('service.kpi.title')}</h2>
      <label>
        {t('service.kpi.groupBy')}
        <select value={by} onChange={(e) => setBy(e.target.value as typeof by)}>
          <option value="byRep">{t('service.kpi.byRep')}</option>
          <option value="byTeam">{t('service.kpi.byTeam')}</option>
          <option value="byTier">{t('service.kpi.byTier')}</option>
        </select>
      </label>
      <ScrollRegion label={t('service.kpi.title')}>
        <table className="kpi-table">
          <thead>
            <tr>
              <th scope="col">{t(`service.kpi.${by}`)}</th>
              {KPIS.map(([k]) => (
                <th scope="col" key={k}>
                  <button
                    type="button"
                    className="kpi-name"
                    aria-expanded={defined === k}
                    aria-controls="kpi-definition"
                    data-testid={`kpi-name-${k}`}
                    onClick={() => setDefined(defined === k ? null : k)}
                  >
                    {t(`service.kpi.names.${k}`)}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`kpi-row-${r.key}`}>
                <th scope="row">{r.label}</th>
                {KPIS.map(([k, f]) => (
                  <td key={k} data-kpi={k}>
                    {show(r.kpis[k] as Kpi | number, f, t)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <div id="kpi-definition" aria-live="polite" data-testid="kpi-definition">
        {defined !== null && (
          <p className="kpi-definition">
            <strong>{t(`service.kpi.names.${defined}`)}</strong>:{' '}
            <Definition k={defined} model={report.predictedClvModel} />
          </p>
        )}
      </div>
      <details className="kpi-definitions">
        <summary>{t('service.kpi.definitions')}</summary>
        <dl>
          {KPIS.map(([k]) => (
            <div key={k}>
              <dt>{t(`service.kpi.names.${k}`)}</dt>
              <dd>
                <Definition k={k} model={report.predictedClvModel} />
              </dd>
            </div>
          ))}
          <div>
            <dt>{t('service.kpi.names.churnedStage')}</dt>
            <dd>{t('service.kpi.defs.churnedStage', churnedStageParams)}</dd>
          </div>
        </dl>
      </details>
      <h3>{t('service.kpi.complaints', { count: c.total })}</h3>
      <p data-testid="complaints-overdue">{t('service.kpi.overdue', { count: c.overdue })}</p>
      <ul className="complaint-counts" data-testid="complaints-by-status">
        {c.byStatus.map((s) => (
          <li key={s.state} data-state={s.state}>
            {t(`code.complaintStatus.${s.state}`)}: <strong>{s.count}</strong>
          </li>
        ))}
      </ul>
      <ul className="complaint-counts" data-testid="complaints-by-category">
        {c.byCategory.map((s) => (
          <li key={s.category} data-category={s.category}>
            {t(`code.complaintCategory.${s.category}`, { defaultValue: s.category })}:{' '}
            <strong>{s.count}</strong>
          </li>
        ))}
      </ul>
    </section>
  )
}

/** What a figure means; the predicted CLV names its model. */
function Definition({ k, model }: { k: keyof KpiSet; model: string }) {
  const { t } = useTranslation()
  return (
    <>
      {t(`service.kpi.defs.${k}`)}
      {k === 'predictedClv' ? ` (${t('service.kpi.model')}: ${model})` : ''}
    </>
  )
}

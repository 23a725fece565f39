import { type NpsBreakdown, npsBreakdown, type QuestionResult, type SurveyResults } from '@outrider/domain'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScrollRegion } from '../../shared/scroll-region.tsx'
import type { ServiceReport, ServiceRow } from './service-report.ts'

type By = 'byTier' | 'byRep'

interface Row {
  key: string
  label: string
  nps: NpsBreakdown
}

/**
 * "Would you recommend us" and the tiers' surveys, per tier or per rep: the NPS split into promoters,
 * passives and detractors (the same counts as the KPI table's NPS), then each survey question's answers
 * per group (mean mark, count per option, newest texts), in the reader's language.
 */
export function FeedbackResults({
  service,
  surveys,
}: {
  service: ServiceReport
  surveys: { byTier: SurveyResults; byRep: SurveyResults } | null
}) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en'
  const [by, setBy] = useState<By>('byTier')
  const kpiRows: ServiceRow[] = service[by]
  const labelOf = new Map(kpiRows.map((r) => [r.key, r.label]))
  const rows: Row[] = [
    ...(service.overall
      ? [{ key: 'overall', label: t('service.kpi.overall'), nps: npsBreakdown(service.overall) }]
      : []),
    ...kpiRows.map((r) => ({ key: r.key, label: r.label, nps: npsBreakdown(r.kpis) })),
  ]
  const results = surveys?.[by]
  const groups = results ? [results.overall, ...results.groups] : []
  const groupLabel = (key: string) =>
    key === 'overall' ? t('service.kpi.overall') : (labelOf.get(key) ?? key)
  // Every question answered in the period, in the order the overall results list them.
  const questions = results?.overall.questions ?? []
  const score = (n: NpsBreakdown) => (n.score === null ? '—' : (Math.round(n.score * 1000) / 10).toFixed(1))

  return (
    <section className="feedback-results" aria-labelledby="feedback-title" data-testid="feedback-results">
      <h2 id="feedback-title">{t('dashboard.feedback.title')}</h2>
      <label>
        {t('service.kpi.groupBy')}
        <select value={by} onChange={(e) => setBy(e.target.value as By)} data-testid="feedback-group-by">
          <option value="byTier">{t('service.kpi.byTier')}</option>
          <option value="byRep">{t('service.kpi.byRep')}</option>
        </select>
      </label>
      <ScrollRegion label={t('dashboard.feedback.nps')}>
        <table className="kpi-table" data-testid="nps-table">
          <caption>{t('dashboard.feedback.nps')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`service.kpi.${by}`)}</th>
              <th scope="col">{t('service.kpi.names.netPromoterScore')}</th>
              <th scope="col">{t('dashboard.feedback.promoters')}</th>
              <th scope="col">{t('dashboard.feedback.passives')}</th>
              <th scope="col">{t('dashboard.feedback.detractors')}</th>
              <th scope="col">{t('dashboard.feedback.answers')}</th>
              <th scope="col">{t('dashboard.feedback.surveys')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid={`nps-row-${r.key}`}>
                <th scope="row">{r.label}</th>
                <td data-nps="score">{score(r.nps)}</td>
                <td data-nps="promoters">{r.nps.promoters}</td>
                <td data-nps="passives">{r.nps.passives}</td>
                <td data-nps="detractors">{r.nps.detractors}</td>
                <td data-nps="answers">{r.nps.answers}</td>
                <td data-nps="surveys">{groups.find((g) => g.key === r.key)?.surveys ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="muted">{t('dashboard.feedback.npsDef')}</p>
      {questions.length === 0 ? (
        <p data-testid="survey-empty">{t('dashboard.feedback.noSurveys')}</p>
      ) : (
        questions.map((q) => (
          <ScrollRegion key={`${q.kind}:${q.id}`} label={q.label[lang]}>
            <table className="kpi-table survey-question" data-testid={`survey-result-${q.id}`}>
              <caption>
                {q.label[lang]} <span className="muted">({t(`dashboard.feedback.kind.${q.kind}`)})</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t(`service.kpi.${by}`)}</th>
                  <th scope="col">{t('dashboard.feedback.answers')}</th>
                  <th scope="col">{t('dashboard.feedback.result')}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => {
                  const answer = g.questions.find((x) => x.kind === q.kind && x.id === q.id)
                  return (
                    <tr key={g.key} data-testid={`survey-row-${g.key}`}>
                      <th scope="row">{groupLabel(g.key)}</th>
                      <td>{answer?.answers ?? 0}</td>
                      <td>{answer ? <Answer q={answer} lang={lang} /> : '—'}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </ScrollRegion>
        ))
      )}
    </section>
  )
}

function Answer({ q, lang }: { q: QuestionResult; lang: 'zh' | 'en' }) {
  const { t } = useTranslation()
  switch (q.kind) {
    case 'rating':
      return (
        <>{q.average === null ? '—' : t('dashboard.feedback.average', { value: q.average.toFixed(2) })}</>
      )
    case 'choice':
      return (
        <ul className="choice-counts">
          {q.options.map((o) => (
            <li key={`${o.label.zh}|${o.label.en}`}>
              {o.label[lang]}: <strong>{o.count}</strong> ({Math.round((o.count / q.answers) * 100)}%)
            </li>
          ))}
        </ul>
      )
    case 'text':
      return (
        <ul className="text-answers">
          {q.latest.map((x) => (
            <li key={`${x.at}|${x.text}`}>«{x.text}»</li>
          ))}
        </ul>
      )
  }
}

import {
  type ClusterAnalysis,
  type ClusterCandidate,
  clusterModelFor,
  clusterModelInput,
  httpApi,
} from '@outrider/domain'
import { Button, Input, Table } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { callApi, errorKey } from '../../shared/api.ts'
import { formatInstant } from '../../shared/organisation-clock.ts'
import { organisationToday } from '../../shared/team-segments.ts'
import { useReference } from '../../store/hooks.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { useTeamData } from '../../store/use-team-data.ts'
import { useClusterAnalysis } from './use-cluster-analysis.ts'

type Names = { en: string; zh: string }[]

const round = (x: number, digits = 1) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/**
 * The supervisor's clusters: k-means over the team's customers (in a worker), the elbow and silhouette
 * for k = 2..8 with the suggested k, each cluster's size and mean R/F/M, names in both languages, and
 * saving them as the team's cluster model (every device of the team then assigns its customers).
 */
export default function ClustersPage() {
  const { t, i18n } = useTranslation()
  const { user } = useOutrider()
  const data = useTeamData(['customers', 'orders', 'visits', 'feedback', 'complaints'])
  const saved = clusterModelFor(useReference('clusterModels') ?? [], user.teamId)
  const [state, run] = useClusterAnalysis()
  const [k, setK] = useState<number | null>(null)
  const [names, setNames] = useState<Names>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const analysis = state.status === 'ready' ? state.analysis : null
  const chosen = analysis ? (k ?? analysis.suggestedK) : null
  const candidate = analysis?.candidates.find((c) => c.k === chosen) ?? null
  const zh = i18n.language.startsWith('zh')

  const start = () => {
    if (!data) return
    setMessage(null)
    setK(null)
    // A saved model's names are offered again when the same number of clusters is kept.
    setNames(saved ? saved.names.map((n) => ({ ...n })) : [])
    run({
      records: data,
      policy: data.policy,
      asOf: organisationToday(data.policy),
      thresholds: data.thresholds?.thresholds ?? null,
    })
  }

  const save = async (a: ClusterAnalysis, at: number) => {
    if (!user.teamId) return
    const body = clusterModelInput(a, at, names, new Date().toISOString(), organisationToday(data?.policy))
    if (!body) return
    setBusy(true)
    setMessage(null)
    try {
      await callApi(httpApi.saveClusterModel, { params: { teamId: user.teamId }, body })
      setMessage(t('clusters.saved'))
    } catch (err) {
      setMessage(t('clusters.saveFailed', { reason: t(errorKey(err)) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="page clusters" aria-labelledby="clusters-title">
      <h1 id="clusters-title">{t('clusters.title')}</h1>
      <p className="muted">{t('clusters.help')}</p>
      <p data-testid="clusters-saved">
        {saved
          ? t('clusters.current', {
              k: saved.k,
              at: formatInstant(saved.computedAt, i18n.language),
              count: saved.population,
            })
          : t('clusters.none')}
      </p>
      <Button
        type="primary"
        onClick={start}
        disabled={!data || state.status === 'computing'}
        data-testid="clusters-run"
      >
        {analysis ? t('clusters.rerun') : t('clusters.run')}
      </Button>
      {state.status === 'computing' && <p role="status">{t('clusters.computing')}</p>}
      {state.status === 'error' && (
        <p role="alert" data-testid="clusters-error">
          {state.reason === 'too_few'
            ? t('clusters.tooFew')
            : state.reason === 'stopped'
              ? t('clusters.stopped')
              : t('clusters.failed', { reason: state.message })}
        </p>
      )}
      {analysis && chosen !== null && (
        <>
          <p>{t('clusters.population', { count: analysis.population })}</p>
          <p data-testid="clusters-suggested">
            <strong>{t('clusters.suggested', { k: analysis.suggestedK })}</strong>
          </p>
          <ElbowChart analysis={analysis} />
          <label className="cluster-k">
            {t('clusters.k')}{' '}
            <select value={chosen} onChange={(e) => setK(Number(e.target.value))} data-testid="clusters-k">
              {analysis.candidates.map((c) => (
                <option key={c.k} value={c.k}>
                  {t('clusters.kOption', { k: c.k })}
                  {c.k === analysis.suggestedK ? ` (${t('clusters.suggestedMark')})` : ''}
                </option>
              ))}
            </select>
          </label>
          {candidate && <ClusterTable candidate={candidate} names={names} onNames={setNames} zh={zh} />}
          {user.teamId ? (
            <Button
              type="primary"
              onClick={() => void save(analysis, chosen)}
              loading={busy}
              data-testid="clusters-save"
            >
              {busy ? t('clusters.saving') : t('clusters.save')}
            </Button>
          ) : (
            <p className="muted">{t('clusters.noTeam')}</p>
          )}
        </>
      )}
      {message && (
        <p role="status" data-testid="clusters-message">
          {message}
        </p>
      )}
    </section>
  )
}

/** Inertia (the elbow) and silhouette per k, with the suggested k marked. */
function ElbowChart({ analysis }: { analysis: ClusterAnalysis }) {
  const { t } = useTranslation()
  const rows = useMemo(
    () =>
      analysis.candidates.map((c) => ({
        k: c.k,
        inertia: round(c.inertia),
        silhouette: round(c.silhouette, 3),
      })),
    [analysis],
  )
  return (
    <figure className="card wide" data-testid="clusters-chart">
      <figcaption>{t('clusters.chart')}</figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={rows} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="k" />
          <YAxis yAxisId="inertia" />
          <YAxis yAxisId="silhouette" orientation="right" domain={[-1, 1]} />
          <Tooltip />
          <Legend />
          <ReferenceLine
            yAxisId="inertia"
            x={analysis.suggestedK}
            stroke="#be123c"
            label={t('clusters.suggestedMark')}
          />
          <Line yAxisId="inertia" dataKey="inertia" name={t('clusters.inertia')} stroke="#1d4ed8" />
          <Line yAxisId="silhouette" dataKey="silhouette" name={t('clusters.silhouette')} stroke="#0f766e" />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  )
}

/** Each cluster's size and mean R/F/M, with its names to type. */
function ClusterTable(props: {
  candidate: ClusterCandidate
  names: Names
  onNames: (names: Names) => void
  zh: boolean
}) {
  const { t } = useTranslation()
  const money = new Intl.NumberFormat(props.zh ? 'zh-CN' : 'en', { maximumFractionDigits: 0 })
  const setName = (i: number, lang: 'en' | 'zh', value: string) => {
    const next = props.candidate.clusters.map((_, j) => ({
      en: props.names[j]?.en ?? '',
      zh: props.names[j]?.zh ?? '',
    }))
    next[i] = { ...(next[i] as { en: string; zh: string }), [lang]: value }
    props.onNames(next)
  }
  const rows = props.candidate.clusters.map((c, i) => ({ key: i, n: i + 1, ...c }))
  return (
    <Table
      data-testid="clusters-table"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('clusters.cluster'), dataIndex: 'n', render: (n: number) => `#${n}` },
        { title: t('clusters.size'), dataIndex: 'size' },
        { title: t('clusters.recency'), render: (_, r) => round(r.mean.recencyDays) },
        { title: t('clusters.frequency'), render: (_, r) => round(r.mean.frequency) },
        { title: t('clusters.monetary'), render: (_, r) => money.format(r.mean.monetary) },
        {
          title: t('clusters.nameZh'),
          render: (_, r) => (
            <Input
              aria-label={t('clusters.nameOf', { n: r.n, lang: t('clusters.zh') })}
              value={props.names[r.key]?.zh ?? ''}
              maxLength={60}
              onChange={(e) => setName(r.key, 'zh', e.target.value)}
            />
          ),
        },
        {
          title: t('clusters.nameEn'),
          render: (_, r) => (
            <Input
              aria-label={t('clusters.nameOf', { n: r.n, lang: t('clusters.en') })}
              value={props.names[r.key]?.en ?? ''}
              maxLength={60}
              onChange={(e) => setName(r.key, 'en', e.target.value)}
            />
          ),
        },
      ]}
    />
  )
}

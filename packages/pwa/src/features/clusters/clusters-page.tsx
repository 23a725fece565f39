import {
  type ClusterAnalysis,
  type ClusterCandidate,
  type ClusterModel,
  carryClusterIds,
  clusterIds,
  clusterModelFor,
  clusterModelInput,
  httpApi,
  type ServicePolicy,
  type TagRule,
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
import type { FailureReason } from './cluster-runner.ts'
import { type AnalysisState, useClusterAnalysis } from './use-cluster-analysis.ts'
import { vanishedClusters } from './vanished-clusters.ts'

type Names = { en: string; zh: string }[]
type Message = { ok: boolean; text: string }

const round = (x: number, digits = 1) => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Numbers the clusters a preview finds new (the server gives the stored ids). */
const previewIds = () => {
  let n = 0
  return () => `new-${++n}`
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
  // Names typed per k; a k not yet edited shows the names its clusters carry over from the saved model.
  const [edited, setEdited] = useState<Record<number, Names>>({})
  const analysis = state.status === 'ready' ? state.analysis : null
  const chosen = analysis ? (k ?? analysis.suggestedK) : null
  const candidate = analysis?.candidates.find((c) => c.k === chosen) ?? null
  const carried = useMemo(() => carriedFrom(saved, analysis, candidate), [saved, analysis, candidate])
  const names = (chosen !== null ? edited[chosen] : undefined) ?? carried?.names ?? []
  const zh = i18n.language.startsWith('zh')
  const saving = useClusterSave(saved, data?.tagRules ?? [], zh)

  const start = () => {
    if (!data) return
    saving.clear()
    setK(null)
    setEdited({})
    run({
      records: data,
      policy: data.policy,
      asOf: organisationToday(data.policy),
      thresholds: data.thresholds?.thresholds ?? null,
    })
  }

  return (
    <section className="page clusters" aria-labelledby="clusters-title">
      <h1 id="clusters-title">{t('clusters.title')}</h1>
      <p className="muted">{t('clusters.help')}</p>
      <SavedModelLine saved={saved} />
      <Button
        type="primary"
        onClick={start}
        disabled={!data || state.status === 'computing'}
        data-testid="clusters-run"
      >
        {analysis ? t('clusters.rerun') : t('clusters.run')}
      </Button>
      <RunStatus state={state} />
      {analysis && chosen !== null && (
        <>
          <p>{t('clusters.population', { count: analysis.population })}</p>
          <p data-testid="clusters-suggested">
            <strong>{t('clusters.suggested', { k: analysis.suggestedK })}</strong>
          </p>
          <ElbowChart analysis={analysis} />
          <ChooseK analysis={analysis} chosen={chosen} onChoose={setK} />
          {candidate && (
            <ClusterTable
              candidate={candidate}
              names={names}
              was={carried?.was ?? []}
              onNames={(next) => setEdited((e) => ({ ...e, [chosen]: next }))}
              zh={zh}
            />
          )}
          <SaveButton
            canSave={user.teamId !== null}
            busy={saving.busy}
            onSave={() => void saving.save(user.teamId, analysis, chosen, names, data?.policy)}
          />
        </>
      )}
      {saving.messages.map((m) => (
        <p key={m.text} role={m.ok ? 'status' : 'alert'} data-testid="clusters-message">
          {m.text}
        </p>
      ))}
    </section>
  )
}

/**
 * What the chosen clustering keeps of the saved one (the same matching the server applies on save): the
 * names its clusters carry over, and which saved cluster each was ("#2 老客户"), or null when new.
 */
function carriedFrom(
  saved: ClusterModel | null,
  analysis: ClusterAnalysis | null,
  candidate: ClusterCandidate | null,
): { names: Names; was: (number | null)[] } | null {
  if (!analysis || !candidate) return null
  const centres = candidate.clusters.map((c) => c.centre)
  const next = { centres, scaling: analysis.scaling, names: centres.map(() => ({ en: '', zh: '' })) }
  const carried = carryClusterIds(saved, next, previewIds())
  const savedIds = saved ? clusterIds(saved) : []
  return {
    names: carried.names,
    was: carried.ids.map((id) => {
      const i = savedIds.indexOf(id)
      return i < 0 ? null : i
    }),
  }
}

/** Saves the chosen clustering and says what the save took away (clusters, and rules that name them). */
function useClusterSave(saved: ClusterModel | null, rules: readonly TagRule[], zh: boolean) {
  const { t } = useTranslation()
  const [messages, setMessages] = useState<Message[]>([])
  const [busy, setBusy] = useState(false)
  const save = async (
    teamId: string | null,
    a: ClusterAnalysis,
    at: number,
    names: Names,
    policy: ServicePolicy | undefined,
  ) => {
    if (!teamId) return
    const body = clusterModelInput(a, at, names, new Date().toISOString(), organisationToday(policy))
    if (!body) return
    setBusy(true)
    setMessages([])
    try {
      const stored = await callApi(httpApi.saveClusterModel, { params: { teamId }, body })
      const gone = vanishedClusters(saved, stored, rules, zh)
      const list = (xs: string[]) => xs.join(zh ? '、' : ', ')
      setMessages([
        { ok: true, text: t('clusters.saved') },
        ...(gone.clusters.length > 0
          ? [{ ok: true, text: t('clusters.vanished', { clusters: list(gone.clusters) }) }]
          : []),
        ...(gone.rules.length > 0
          ? [
              {
                ok: false,
                text: t('clusters.vanishedRules', { count: gone.rules.length, rules: list(gone.rules) }),
              },
            ]
          : []),
      ])
    } catch (err) {
      setMessages([{ ok: false, text: t('clusters.saveFailed', { reason: t(errorKey(err)) }) }])
    } finally {
      setBusy(false)
    }
  }
  return { busy, messages, save, clear: () => setMessages([]) }
}

function SaveButton(props: { canSave: boolean; busy: boolean; onSave: () => void }) {
  const { t } = useTranslation()
  if (!props.canSave) return <p className="muted">{t('clusters.noTeam')}</p>
  return (
    <Button type="primary" onClick={props.onSave} loading={props.busy} data-testid="clusters-save">
      {props.busy ? t('clusters.saving') : t('clusters.save')}
    </Button>
  )
}

function SavedModelLine({ saved }: { saved: ClusterModel | null }) {
  const { t, i18n } = useTranslation()
  return (
    <p data-testid="clusters-saved">
      {saved
        ? t('clusters.current', {
            k: saved.k,
            at: formatInstant(saved.computedAt, i18n.language),
            count: saved.population,
          })
        : t('clusters.none')}
    </p>
  )
}

/** Which message a failed run ends with: too few buyers only when that is what went wrong. */
const failureKey: Record<FailureReason, string> = {
  too_few: 'clusters.tooFew',
  bad_date: 'clusters.badDate',
  bad_policy: 'clusters.badPolicy',
  bad_records: 'clusters.badRecords',
  stopped: 'clusters.stopped',
  failed: 'clusters.failed',
}

function RunStatus({ state }: { state: AnalysisState }) {
  const { t } = useTranslation()
  if (state.status === 'computing') return <p role="status">{t('clusters.computing')}</p>
  if (state.status !== 'error') return null
  return (
    <p role="alert" data-testid="clusters-error">
      {t(failureKey[state.reason], { reason: state.message })}
    </p>
  )
}

function ChooseK(props: { analysis: ClusterAnalysis; chosen: number; onChoose: (k: number) => void }) {
  const { t } = useTranslation()
  const { analysis } = props
  return (
    <label className="cluster-k">
      {t('clusters.k')}{' '}
      <select
        value={props.chosen}
        onChange={(e) => props.onChoose(Number(e.target.value))}
        data-testid="clusters-k"
      >
        {analysis.candidates.map((c) => (
          <option key={c.k} value={c.k}>
            {t('clusters.kOption', { k: c.k })}
            {c.k === analysis.suggestedK ? ` (${t('clusters.suggestedMark')})` : ''}
          </option>
        ))}
      </select>
    </label>
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

/**
 * Each cluster's size and mean R/F/M, the saved cluster it carries on (keeping its id and name: rules
 * and filters on it still mean it), and its names to type.
 */
function ClusterTable(props: {
  candidate: ClusterCandidate
  names: Names
  was: readonly (number | null)[]
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
        {
          title: t('clusters.was'),
          render: (_, r) => {
            const before = props.was[r.key]
            return before === null || before === undefined ? t('clusters.newCluster') : `#${before + 1}`
          },
        },
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

import { httpApi } from '@outrider/domain'
import { useVirtualizer } from '@tanstack/react-virtual'
import { lazy, Suspense, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { callApi } from '../../shared/api.ts'
import { ExportButton } from '../../shared/export-button.tsx'
import { clockNow, formatInstant } from '../../shared/organisation-clock.ts'
import { organisationToday, teamClasses } from '../../shared/team-segments.ts'
import { useDeskScreen } from '../../shared/use-desk-screen.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { useTeamData } from '../../store/use-team-data.ts'
import { FirstSyncStatus } from './first-sync-status.tsx'
import {
  buildReviewRows,
  filterFromParams,
  filterReviewRows,
  filterToParams,
  type ReviewFilter,
  type ReviewSort,
  sortReviewRows,
} from './review-rows.ts'
import { FlagList, VisitDetail } from './visit-detail.tsx'
import '../../shared/office.css'

// The desk's table (Ant Design) loads only on a wide window: a phone keeps the light list below.
const ReviewTable = lazy(() => import('./review-table.tsx'))
const DeskDate = lazy(() => import('./desk-date.tsx'))

/** A day filter: the desk's picker writes the date in the user's language; a phone keeps its own. */
function DateFilter({
  label,
  desk,
  value,
  onChange,
}: {
  label: string
  desk: boolean
  value: string
  onChange: (day: string) => void
}) {
  const id = useId()
  const native = <input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} />
  return (
    <label htmlFor={id}>
      {label}
      {desk ? (
        <Suspense fallback={native}>
          <DeskDate id={id} value={value} onChange={onChange} />
        </Suspense>
      ) : (
        native
      )}
    </label>
  )
}

const outcomes = ['ordered', 'interested', 'no_need', 'not_met', 'closed', 'follow_up'] as const

/** Supervisor's home: the team's visit log from the local database, filterable, with review actions. */
export default function ReviewPage() {
  const { t, i18n } = useTranslation()
  const { user } = useOutrider()
  const desk = useDeskScreen()
  const data = useTeamData(['customers', 'visits', 'orders', 'feedback', 'complaints'])
  // Filters and sort live in the address: a reload, a bookmark or a shared link shows the same list.
  const [params, setParams] = useSearchParams()
  const { filter, sort } = useMemo(() => filterFromParams(params), [params])
  const [openId, setOpenId] = useState<string | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const [bulk, setBulk] = useState<{ busy: boolean; done: number; failed: number } | null>(null)
  const set = <K extends keyof ReviewFilter>(k: K, v: ReviewFilter[K]) =>
    setParams(filterToParams({ ...filter, [k]: v }, sort), { replace: true })
  const setSort = (next: ReviewSort) => setParams(filterToParams(filter, next), { replace: true })

  const today = clockNow().today
  const customers = data?.customers
  const visits = data?.visits
  const feedback = data?.feedback
  const users = data?.users
  const asOf = organisationToday(data?.policy)
  const classes = useMemo(
    () => (data ? teamClasses(data, data.policy, asOf, data.thresholds?.thresholds ?? null) : new Map()),
    [data, asOf],
  )
  const rows = useMemo(
    () =>
      visits && customers
        ? buildReviewRows(visits, customers, (id) => classes.get(id)?.tier, data?.policy)
        : [],
    [visits, customers, classes, data?.policy],
  )
  const nameOfRep = (id: string | null) => data?.users.find((u) => u.id === id)?.displayName ?? ''
  // biome-ignore lint/correctness/useExhaustiveDependencies: nameOfRep reads `data.users`
  const shown = useMemo(
    () => sortReviewRows(filterReviewRows(rows, filter), sort, nameOfRep),
    [rows, filter, sort, data?.users],
  )
  const approveSelected = async () => {
    const ids = [...selected]
    setBulk({ busy: true, done: 0, failed: 0 })
    let done = 0
    let failed = 0
    for (const id of ids) {
      try {
        await callApi(httpApi.reviewVisit, { params: { id }, body: { status: 'approved' } })
        done++
      } catch {
        failed++
      }
      setBulk({ busy: true, done, failed })
    }
    setBulk({ busy: false, done, failed })
    setSelected(new Set())
  }
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  const reps = useMemo(
    () =>
      (users ?? [])
        .filter((u) => u.role === 'rep' && (user.role === 'admin' || u.teamId === user.teamId))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
    [users, user],
  )
  const nameOf = (id: string | null) => users?.find((u) => u.id === id)?.displayName ?? id ?? '—'
  // The open visit is followed through its corrections: a correction (this supervisor's or a synced
  // one) replaces the row's revision, and the detail shows the new one.
  const openChain = openId ? (visits?.find((v) => v.id === openId)?.revisionOf ?? openId) : null
  const open = openChain ? rows.find((r) => r.visit.revisionOf === openChain) : undefined
  const feedbackFor = useMemo(
    () =>
      open && feedback
        ? feedback.filter((f) => f.visitId === open.visit.revisionOf || f.visitId === open.visit.id)
        : [],
    [open, feedback],
  )

  const parent = useRef<HTMLElement>(null)
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 88,
    overscan: 8,
  })
  const exportQuery = new URLSearchParams({
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.repId ? { repId: filter.repId } : {}),
    lang: i18n.language.startsWith('zh') ? 'zh' : 'en',
  })

  const detail = open ? (
    <VisitDetail
      key={open.visit.id}
      row={open}
      feedback={feedbackFor}
      repName={nameOf(open.repId)}
      nameOf={nameOf}
      visits={visits ?? []}
      orders={data?.orders ?? []}
      onClose={() => setOpenId(null)}
    />
  ) : null

  return (
    <section className="review" aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      <FirstSyncStatus />
      <fieldset className="filters">
        <legend>{t('review.filters')}</legend>
        <label>
          {t('review.rep')}
          <select value={filter.repId} onChange={(e) => set('repId', e.target.value)}>
            <option value="">{t('review.allReps')}</option>
            {reps.map((r) => (
              <option key={r.id} value={r.id}>
                {r.displayName}
              </option>
            ))}
          </select>
        </label>
        <DateFilter
          label={t('review.from')}
          desk={desk}
          value={filter.from}
          onChange={(v) => set('from', v)}
        />
        <DateFilter label={t('review.to')} desk={desk} value={filter.to} onChange={(v) => set('to', v)} />
        <label>
          {t('review.outcome')}
          <select value={filter.outcome} onChange={(e) => set('outcome', e.target.value)}>
            <option value="">{t('review.allOutcomes')}</option>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`code.outcome.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.tier')}
          <select value={filter.tier} onChange={(e) => set('tier', e.target.value)}>
            <option value="">{t('review.allTiers')}</option>
            {['A', 'B', 'C'].map((tier) => (
              <option key={tier} value={tier}>
                {tier}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.customer')}
          <input
            type="search"
            placeholder={t('review.customerSearch')}
            value={filter.customer}
            onChange={(e) => set('customer', e.target.value)}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.flaggedOnly}
            onChange={(e) => set('flaggedOnly', e.target.checked)}
          />
          {t('review.flaggedOnly')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.pendingOnly}
            onChange={(e) => set('pendingOnly', e.target.checked)}
          />
          {t('review.pendingOnly')}
        </label>
      </fieldset>
      <div className="toolbar">
        <p className="muted" data-testid="visit-count">
          {data ? t('review.count', { count: shown.length }) : t('app.loading')}
        </p>
        {!desk && (
          <fieldset className="row-buttons sort-buttons" aria-label={t('review.sortBy')}>
            {(['newest', 'oldest', 'customer', 'rep'] as const).map((k) => (
              <button
                key={k}
                type="button"
                className={sort === k ? '' : 'secondary'}
                aria-pressed={sort === k}
                onClick={() => setSort(k)}
              >
                {t(`review.sort.${k}`)}
              </button>
            ))}
          </fieldset>
        )}
        <button
          type="button"
          disabled={selected.size === 0 || bulk?.busy === true}
          onClick={() => void approveSelected()}
          data-testid="bulk-approve"
        >
          {t('review.approveSelected', { count: selected.size })}
        </button>
        {bulk && (
          <p role="status" className={bulk.failed > 0 ? 'error' : 'ok'}>
            {t('review.bulkResult', { done: bulk.done, failed: bulk.failed })}
          </p>
        )}
        <ExportButton
          url={`/api/export/visits.csv?${exportQuery}`}
          fileName={`visits-${filter.from || 'all'}-${filter.to || today}.csv`}
          label={t('review.exportVisits')}
        />
      </div>
      {data && shown.length === 0 && <p>{t('review.empty')}</p>}
      {desk ? (
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <ReviewTable
            rows={shown}
            nameOf={nameOf}
            sort={sort}
            onSort={setSort}
            selected={selected}
            onSelect={setSelected}
            openId={openId}
            onOpen={setOpenId}
            detail={detail}
            onClose={() => setOpenId(null)}
          />
        </Suspense>
      ) : (
        <div className="review-body">
          <section
            ref={parent}
            className="vlist review-list"
            data-testid="visit-list"
            aria-label={t('review.list')}
          >
            <ul style={{ height: virtual.getTotalSize() }}>
              {virtual.getVirtualItems().map((item) => {
                const r = shown[item.index]!
                const status = r.visit.review?.status ?? 'pending'
                return (
                  <li
                    key={r.visit.id}
                    ref={virtual.measureElement}
                    data-index={item.index}
                    className="vrow visit-row"
                    style={{ transform: `translateY(${item.start}px)` }}
                    data-testid="visit-row"
                    data-visit-id={r.visit.id}
                  >
                    {status === 'pending' && (
                      <label className="check select">
                        <input
                          type="checkbox"
                          checked={selected.has(r.visit.id)}
                          onChange={(e) => toggle(r.visit.id, e.target.checked)}
                          aria-label={t('review.selectVisit', { name: r.customerName })}
                        />
                      </label>
                    )}
                    <button
                      type="button"
                      className="row-button"
                      aria-expanded={openId === r.visit.id}
                      onClick={() => setOpenId(r.visit.id)}
                    >
                      <span className="name">
                        {r.customerName} {r.tier && <span className="tier">{r.tier}</span>}
                      </span>
                      <span className="sub">
                        {formatInstant(r.visit.checkInAt, i18n.language)} · {nameOf(r.repId)} ·{' '}
                        {t(`code.outcome.${r.visit.outcome}`)} ·{' '}
                        <span className={`review-${status}`}>{t(`code.reviewStatus.${status}`)}</span>
                      </span>
                      <FlagList flags={r.check.flags} explain={false} />
                    </button>
                  </li>
                )
              })}
            </ul>
          </section>
          {detail}
        </div>
      )}
    </section>
  )
}

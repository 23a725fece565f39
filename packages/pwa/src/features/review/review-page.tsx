import { httpApi } from '@outrider/domain'
import { useVirtualizer } from '@tanstack/react-virtual'
import { lazy, Suspense, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { callApi } from '../../shared/api.ts'
import { ChoiceSelect } from '../../shared/choice-select.tsx'
import { ExportButton } from '../../shared/export-button.tsx'
import { clockNow, formatInstant } from '../../shared/organisation-clock.ts'
import { organisationToday, teamClasses } from '../../shared/team-segments.ts'
import { useDeskScreen } from '../../shared/use-desk-screen.ts'
import { useOutrider } from '../../store/outrider-context.ts'
import { type TeamData, type TeamUser, useTeamData } from '../../store/use-team-data.ts'
import { FirstSyncStatus } from './first-sync-status.tsx'
import {
  buildReviewRows,
  filterFromParams,
  filterReviewRows,
  filterToParams,
  type ReviewFilter,
  type ReviewRow,
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
const sorts = ['newest', 'oldest', 'customer', 'rep'] as const

type Bulk = { busy: boolean; done: number; failed: number }
type NameOf = (id: string | null) => string

/** Supervisor's home: the team's visit log from the local database, filterable, with review actions. */
export default function ReviewPage() {
  const { t } = useTranslation()
  const desk = useDeskScreen()
  const data = useTeamData(['customers', 'visits', 'orders', 'feedback', 'complaints'])
  // Filters and sort live in the address: a reload, a bookmark or a shared link shows the same list.
  const [params, setParams] = useSearchParams()
  const { filter, sort } = useMemo(() => filterFromParams(params), [params])
  const [openId, setOpenId] = useState<string | null>(null)
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set())
  const set = <K extends keyof ReviewFilter>(k: K, v: ReviewFilter[K]) =>
    setParams(filterToParams({ ...filter, [k]: v }, sort), { replace: true })
  const setSort = (next: ReviewSort) => setParams(filterToParams(filter, next), { replace: true })
  const { rows, shown } = useReviewRows(data, filter, sort)
  const users = data?.users
  const nameOf = (id: string | null) => users?.find((u) => u.id === id)?.displayName ?? id ?? '—'
  const detail = useOpenVisitDetail(data, rows, openId, nameOf, () => setOpenId(null))

  return (
    <section className="review" aria-labelledby="review-title">
      <h1 id="review-title">{t('review.title')}</h1>
      <FirstSyncStatus />
      <ReviewFilters filter={filter} set={set} desk={desk} users={users} />
      <ReviewToolbar
        count={data ? shown.length : null}
        desk={desk}
        sort={sort}
        onSort={setSort}
        filter={filter}
        selected={selected}
        onApproved={() => setSelected(new Set())}
      />
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
          <VisitList
            rows={shown}
            nameOf={nameOf}
            selected={selected}
            onSelect={setSelected}
            openId={openId}
            onOpen={setOpenId}
          />
          {detail}
        </div>
      )}
    </section>
  )
}

/** The team's review rows (each visit's latest revision, classified), and those the filter and sort show. */
function useReviewRows(data: TeamData | null, filter: ReviewFilter, sort: ReviewSort) {
  const customers = data?.customers
  const visits = data?.visits
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
  return { rows, shown }
}

/**
 * The open visit's detail, or null. The open visit is followed through its corrections: a correction
 * (this supervisor's or a synced one) replaces the row's revision, and the detail shows the new one.
 */
function useOpenVisitDetail(
  data: TeamData | null,
  rows: readonly ReviewRow[],
  openId: string | null,
  nameOf: NameOf,
  onClose: () => void,
) {
  const visits = data?.visits
  const feedback = data?.feedback
  const openChain = openId ? (visits?.find((v) => v.id === openId)?.revisionOf ?? openId) : null
  const open = openChain ? rows.find((r) => r.visit.revisionOf === openChain) : undefined
  const feedbackFor = useMemo(
    () =>
      open && feedback
        ? feedback.filter((f) => f.visitId === open.visit.revisionOf || f.visitId === open.visit.id)
        : [],
    [open, feedback],
  )
  return open ? (
    <VisitDetail
      key={open.visit.id}
      row={open}
      feedback={feedbackFor}
      repName={nameOf(open.repId)}
      nameOf={nameOf}
      visits={visits ?? []}
      orders={data?.orders ?? []}
      onClose={onClose}
    />
  ) : null
}

/** Rep, days, outcome, tier, customer and the two "only" boxes; each change rewrites the address. */
function ReviewFilters({
  filter,
  set,
  desk,
  users,
}: {
  filter: ReviewFilter
  set: <K extends keyof ReviewFilter>(k: K, v: ReviewFilter[K]) => void
  desk: boolean
  users: readonly TeamUser[] | undefined
}) {
  const { t } = useTranslation()
  const { user } = useOutrider()
  const reps = useMemo(
    () =>
      (users ?? [])
        .filter((u) => u.role === 'rep' && (user.role === 'admin' || u.teamId === user.teamId))
        .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN')),
    [users, user],
  )
  return (
    <fieldset className="filters">
      <legend>{t('review.filters')}</legend>
      <ChoiceSelect
        label={t('review.rep')}
        value={filter.repId}
        onChange={(v) => set('repId', v)}
        none={t('review.allReps')}
        choices={reps.map((r) => ({ value: r.id, label: r.displayName }))}
      />
      <DateFilter label={t('review.from')} desk={desk} value={filter.from} onChange={(v) => set('from', v)} />
      <DateFilter label={t('review.to')} desk={desk} value={filter.to} onChange={(v) => set('to', v)} />
      <ChoiceSelect
        label={t('review.outcome')}
        value={filter.outcome}
        onChange={(v) => set('outcome', v)}
        none={t('review.allOutcomes')}
        choices={outcomes.map((o) => ({ value: o, label: t(`code.outcome.${o}`) }))}
      />
      <ChoiceSelect
        label={t('review.tier')}
        value={filter.tier}
        onChange={(v) => set('tier', v)}
        none={t('review.allTiers')}
        choices={['A', 'B', 'C'].map((tier) => ({ value: tier, label: tier }))}
      />
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
  )
}

/** Approves the selected visits one by one, counting those approved and those refused as it goes. */
function useBulkApprove(onDone: () => void) {
  const [bulk, setBulk] = useState<Bulk | null>(null)
  const approve = async (ids: readonly string[]) => {
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
    onDone()
  }
  return { bulk, approve }
}

/** The count, the phone's sort buttons, bulk approval and the CSV export of what the filter shows. */
function ReviewToolbar({
  count,
  desk,
  sort,
  onSort,
  filter,
  selected,
  onApproved,
}: {
  /** Null while the local database loads. */
  count: number | null
  desk: boolean
  sort: ReviewSort
  onSort: (sort: ReviewSort) => void
  filter: ReviewFilter
  selected: ReadonlySet<string>
  onApproved: () => void
}) {
  const { t, i18n } = useTranslation()
  const { bulk, approve } = useBulkApprove(onApproved)
  const exportQuery = new URLSearchParams({
    ...(filter.from ? { from: filter.from } : {}),
    ...(filter.to ? { to: filter.to } : {}),
    ...(filter.repId ? { repId: filter.repId } : {}),
    lang: i18n.language.startsWith('zh') ? 'zh' : 'en',
  })
  return (
    <div className="toolbar">
      <p className="muted" data-testid="visit-count">
        {count !== null ? t('review.count', { count }) : t('app.loading')}
      </p>
      {!desk && (
        <fieldset className="row-buttons sort-buttons" aria-label={t('review.sortBy')}>
          {sorts.map((k) => (
            <button
              key={k}
              type="button"
              className={sort === k ? '' : 'secondary'}
              aria-pressed={sort === k}
              onClick={() => onSort(k)}
            >
              {t(`review.sort.${k}`)}
            </button>
          ))}
        </fieldset>
      )}
      <button
        type="button"
        disabled={selected.size === 0 || bulk?.busy === true}
        onClick={() => void approve([...selected])}
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
        fileName={`visits-${filter.from || 'all'}-${filter.to || clockNow().today}.csv`}
        label={t('review.exportVisits')}
      />
    </div>
  )
}

/** The phone's list of visits: only the rows near the view are in the page. */
function VisitList({
  rows,
  nameOf,
  selected,
  onSelect,
  openId,
  onOpen,
}: {
  rows: readonly ReviewRow[]
  nameOf: NameOf
  selected: ReadonlySet<string>
  onSelect: (next: (s: ReadonlySet<string>) => ReadonlySet<string>) => void
  openId: string | null
  onOpen: (id: string) => void
}) {
  const { t } = useTranslation()
  const parent = useRef<HTMLElement>(null)
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 88,
    overscan: 8,
  })
  const toggle = (id: string, on: boolean) =>
    onSelect((s) => {
      const next = new Set(s)
      if (on) next.add(id)
      else next.delete(id)
      return next
    })
  return (
    <section
      ref={parent}
      className="vlist review-list"
      data-testid="visit-list"
      aria-label={t('review.list')}
    >
      <ul style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((item) => (
          <VisitRow
            key={rows[item.index]!.visit.id}
            row={rows[item.index]!}
            index={item.index}
            start={item.start}
            measure={virtual.measureElement}
            nameOf={nameOf}
            selected={selected.has(rows[item.index]!.visit.id)}
            onToggle={toggle}
            open={openId === rows[item.index]!.visit.id}
            onOpen={onOpen}
          />
        ))}
      </ul>
    </section>
  )
}

function VisitRow({
  row: r,
  index,
  start,
  measure,
  nameOf,
  selected,
  onToggle,
  open,
  onOpen,
}: {
  row: ReviewRow
  index: number
  start: number
  measure: (element: Element | null) => void
  nameOf: NameOf
  selected: boolean
  onToggle: (id: string, on: boolean) => void
  open: boolean
  onOpen: (id: string) => void
}) {
  const { t, i18n } = useTranslation()
  const status = r.visit.review?.status ?? 'pending'
  return (
    <li
      ref={measure}
      data-index={index}
      className="vrow visit-row"
      style={{ transform: `translateY(${start}px)` }}
      data-testid="visit-row"
      data-visit-id={r.visit.id}
    >
      {status === 'pending' && (
        <label className="check select">
          <input
            type="checkbox"
            checked={selected}
            onChange={(e) => onToggle(r.visit.id, e.target.checked)}
            aria-label={t('review.selectVisit', { name: r.customerName })}
          />
        </label>
      )}
      <button type="button" className="row-button" aria-expanded={open} onClick={() => onOpen(r.visit.id)}>
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
}

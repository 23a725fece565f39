import { buildSearchIndex, type CustomField, type LatLng, type SearchIndex } from '@outrider/domain'
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  useVirtualizer,
  type Virtualizer,
} from '@tanstack/react-virtual'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router'
import { currentPosition } from '../../platform/current-position.ts'
import { markFirstPaint, markFirstScreenReady } from '../../platform/first-screen.ts'
import { ClassifiedAgainstNote } from '../../shared/classified-against.tsx'
import { customFieldLabel, offeredCustomFields } from '../../shared/custom-fields.ts'
import { useBilingual } from '../../shared/use-bilingual.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { type ListCustomer, listCustomerOf, listSnapshot } from '../../store/list-snapshot.ts'
import { useOutriderIfReady, useSessionUser } from '../../store/outrider-context.ts'
import {
  type CustomerFilters,
  type CustomFieldFilter,
  filterCustomers,
  filterOptions,
} from './filter-customers.ts'
import '../../shared/customers.css'

function filtersFrom(params: URLSearchParams): CustomerFilters {
  const sort = params.get('sort')
  return {
    query: params.get('q') ?? '',
    tier: params.get('tier') ?? '',
    segment: params.get('segment') ?? '',
    lifecycle: params.get('lifecycle') ?? '',
    tag: params.get('tag') ?? '',
    overdueOnly: params.get('overdue') === '1',
    customKey: params.get('field') ?? '',
    customValue: params.get('value') ?? '',
    sort: sort === 'distance' || sort === 'name' ? sort : 'priority',
  }
}

/**
 * Starts one of the virtualizer's observers a frame late: its first reading (the list's size, its scroll
 * position) would otherwise force a layout of the whole page before any row exists, and that layout is
 * the costliest step of the first paint on a slow phone. Until then the list assumes the window's size
 * (a few rows too many at most) and the top.
 */
function fromNextFrame<A extends unknown[]>(observe: (...args: A) => (() => void) | undefined) {
  return (...args: A) => {
    let stop: (() => void) | undefined
    const frame = requestAnimationFrame(() => {
      stop = observe(...args)
    })
    return () => {
      cancelAnimationFrame(frame)
      stop?.()
    }
  }
}
const observeRect = fromNextFrame(observeElementRect<HTMLDivElement>)
const observeOffset = fromNextFrame(observeElementOffset<HTMLDivElement>)
/** Scrolls, except from the top to the top (the virtualizer does that on mount; it too forces a layout). */
function scrollList(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  v: Virtualizer<HTMLDivElement, Element>,
) {
  if (offset + (options.adjustments ?? 0) === 0 && (v.scrollOffset ?? 0) === 0) return
  elementScroll(offset, options, v)
}

type Param = 'q' | 'tier' | 'segment' | 'lifecycle' | 'tag' | 'overdue' | 'sort' | 'field' | 'value'

export default function CustomerList() {
  const { t, i18n } = useTranslation()
  const b = useBilingual()
  const db = useOutriderIfReady()?.db
  const user = useSessionUser()
  const { insights } = useInsights()
  // Opened before the local database: until it is, the list shows the snapshot saved at the last change
  // (same rows, order and badges, searchable; a row opens its customer once the database is ready),
  // then the live query.
  // Live rows are kept with their database, so a switch of user never shows the previous one's rows.
  const [early] = useState(() => !db)
  const [liveOf, setLiveOf] = useState<{ db: unknown; rows: ListCustomer[] } | null>(null)
  const live = db && liveOf?.db === db ? liveOf.rows : null
  const snapshot = early && !live ? listSnapshot(user.id) : null
  const all = live ?? snapshot?.customers ?? null
  const [params, setParams] = useSearchParams()
  const filters = useMemo(() => filtersFrom(params), [params])
  const [query, setQuery] = useState(filters.query)
  const deferredQuery = useDeferredValue(query)
  const [here, setHere] = useState<LatLng | null>(null)
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle')

  useEffect(() => {
    if (!db) return
    const sub = db.customers.find({ selector: { deleted: { $ne: true } } }).$.subscribe((docs) => {
      setLiveOf({ db, rows: docs.map((d) => listCustomerOf(d.toJSON())) })
    })
    return () => sub.unsubscribe()
  }, [db])

  // Custom fields come with the database (the start-up snapshot lists without them), read with their
  // schema by a module loaded then: this first-paint screen does not ship the domain's schemas.
  const [definitions, setDefinitions] = useState<{
    fields: CustomField[]
    matches: CustomFieldFilter['matches']
  } | null>(null)
  useEffect(() => {
    if (!db) return
    let stop: (() => void) | null = null
    let stopped = false
    void Promise.all([
      import('../../store/custom-field-definitions.ts'),
      import('./custom-field-match.ts'),
    ]).then(([{ followCustomFieldDefinitions }, { customFieldMatches }]) => {
      if (stopped) return
      stop = followCustomFieldDefinitions(db, (fields) =>
        setDefinitions({ fields, matches: customFieldMatches }),
      )
    })
    return () => {
      stopped = true
      stop?.()
    }
  }, [db])

  useEffect(() => {
    if (!snapshot || live) return
    performance.mark('outrider:list-snapshot')
    // Once these rows are painted, the local database may start opening (see outrider-context.ts).
    requestAnimationFrame(() => setTimeout(markFirstPaint, 0))
  }, [snapshot, live])

  const set = (patch: Partial<Record<Param, string>>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p)
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v)
          else next.delete(k)
        }
        return next
      },
      { replace: true },
    )

  // Keep the typed query in the URL (so Back returns to the same list) without re-rendering on each key.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the settled query is written back
  useEffect(() => {
    if (deferredQuery !== filters.query) set({ q: deferredQuery })
  }, [deferredQuery])

  useEffect(() => {
    if (filters.sort !== 'distance' || here) return
    setLocating('busy')
    void currentPosition().then((p) => {
      setHere(p)
      setLocating(p ? 'idle' : 'failed')
    })
  }, [filters.sort, here])

  // Background work (replication start, insights) waits until the live rows are on screen.
  useEffect(() => {
    if (!live) return
    performance.mark('outrider:list-live')
    requestAnimationFrame(() => markFirstScreenReady())
  }, [live])

  // The search index is built when the first search needs it, or before that when the browser is idle,
  // so the list's first paint does not wait for it.
  const source = useMemo(() => {
    const customers = all ?? []
    let index: SearchIndex<ListCustomer> | null = null
    return { customers, index: () => (index ??= buildSearchIndex(customers)) }
  }, [all])
  useEffect(() => {
    if (!('requestIdleCallback' in window)) return
    const id = requestIdleCallback(() => source.index(), { timeout: 2000 })
    return () => cancelIdleCallback(id)
  }, [source])
  // Until the worker has analysed the live data, rank and filter by its last analysis, saved with the
  // snapshot: the list opens in the order, with the badges, the rep left it.
  const byCustomer = useMemo(
    () => insights?.byCustomer ?? listSnapshot(user.id)?.insights ?? {},
    [insights, user.id],
  )
  const customFields = useMemo(() => offeredCustomFields(definitions?.fields), [definitions])
  const customField = customFields.find((f) => f.key === filters.customKey)
  const rows = useMemo(
    () =>
      filterCustomers(
        source,
        byCustomer,
        { ...filters, query: deferredQuery },
        here,
        definitions ? { fields: customFields, matches: definitions.matches } : undefined,
      ),
    [source, byCustomer, filters, deferredQuery, here, customFields, definitions],
  )
  const options = useMemo(() => filterOptions(byCustomer), [byCustomer])
  const parent = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 72,
    overscan: 8,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    observeElementRect: observeRect,
    observeElementOffset: observeOffset,
    scrollToFn: scrollList,
  })
  const filtering =
    filters.tier ||
    filters.segment ||
    filters.lifecycle ||
    filters.tag ||
    filters.overdueOnly ||
    filters.customKey

  return (
    <section className="customers" aria-labelledby="customers-title">
      <div className="customers-head">
        <h1 id="customers-title">{t('customers.title')}</h1>
        <Link className="button" to="/customers/new">
          {t('customers.add')}
        </Link>
      </div>
      <input
        type="search"
        className="search"
        aria-label={t('customers.search')}
        placeholder={t('customers.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <details className="filters" open={Boolean(filtering)}>
        <summary>{t('customers.filters')}</summary>
        <div className="filter-grid">
          <label>
            {t('customers.tier')}
            <select
              value={filters.tier}
              onChange={(e) => set({ tier: e.target.value })}
              data-testid="filter-tier"
            >
              <option value="">{t('customers.any')}</option>
              {['A', 'B', 'C'].map((tier) => (
                <option key={tier} value={tier}>
                  {t('customers.tierOption', { tier })}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('customers.segment')}
            <select value={filters.segment} onChange={(e) => set({ segment: e.target.value })}>
              <option value="">{t('customers.any')}</option>
              {options.segments.map((o) => (
                <option key={o.key} value={o.key}>
                  {b(o.label)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('customers.lifecycle')}
            <select
              value={filters.lifecycle}
              onChange={(e) => set({ lifecycle: e.target.value })}
              data-testid="filter-lifecycle"
            >
              <option value="">{t('customers.any')}</option>
              {options.lifecycles.map((o) => (
                <option key={o.key} value={o.key}>
                  {b(o.label)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('customers.tag')}
            <select value={filters.tag} onChange={(e) => set({ tag: e.target.value })}>
              <option value="">{t('customers.any')}</option>
              {options.tags.map((o) => (
                <option key={o.key} value={o.key}>
                  {b(o.label)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={filters.overdueOnly}
              onChange={(e) => set({ overdue: e.target.checked ? '1' : '' })}
              data-testid="filter-overdue"
            />
            {t('customers.overdueOnly')}
          </label>
          {customFields.length > 0 && (
            <label>
              {t('customers.customField')}
              <select
                value={filters.customKey}
                onChange={(e) => set({ field: e.target.value, value: '' })}
                data-testid="filter-custom-field"
              >
                <option value="">{t('customers.any')}</option>
                {customFields.map((f) => (
                  <option key={f.key} value={f.key}>
                    {customFieldLabel(f, i18n.language)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {customField && (
            <label htmlFor="filter-custom-value">
              {t('customers.customValue', { field: customFieldLabel(customField, i18n.language) })}
              {customField.type === 'choice' ? (
                <select
                  value={filters.customValue}
                  onChange={(e) => set({ value: e.target.value })}
                  id="filter-custom-value"
                  data-testid="filter-custom-value"
                >
                  <option value="">{t('customers.anyValue')}</option>
                  {customField.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  type={customField.type === 'date' ? 'date' : 'text'}
                  inputMode={customField.type === 'number' ? 'decimal' : undefined}
                  value={filters.customValue}
                  placeholder={t('customers.anyValue')}
                  onChange={(e) => set({ value: e.target.value })}
                  id="filter-custom-value"
                  data-testid="filter-custom-value"
                />
              )}
            </label>
          )}
          <label>
            {t('customers.sort')}
            <select
              value={filters.sort}
              onChange={(e) => set({ sort: e.target.value === 'priority' ? '' : e.target.value })}
            >
              <option value="priority">{t('customers.sortPriority')}</option>
              <option value="distance">{t('customers.sortDistance')}</option>
              <option value="name">{t('customers.sortName')}</option>
            </select>
          </label>
          {filtering && (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                set({ tier: '', segment: '', lifecycle: '', tag: '', overdue: '', field: '', value: '' })
              }
            >
              {t('customers.clear')}
            </button>
          )}
        </div>
      </details>
      {filters.sort === 'distance' && locating !== 'idle' && (
        <p className="muted" role="status">
          {t(locating === 'busy' ? 'customers.locating' : 'customers.noPosition')}
        </p>
      )}
      {all && (
        <p className="muted" data-testid="customer-count" role="status">
          {t('customers.count', { count: rows.length })}
          {!insights && ` · ${t('customers.analysing')}`}
        </p>
      )}
      {all && all.length > 0 && <ClassifiedAgainstNote against={insights?.classifiedAgainst ?? null} />}
      {all && all.length === 0 && <p>{t('customers.empty')}</p>}
      {all && all.length > 0 && rows.length === 0 && <p>{t('customers.noMatch')}</p>}
      <div ref={parent} className="vlist" data-testid="customer-list">
        <ul style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const { customer: c, insight, km } = rows[item.index]!
            // The start-up snapshot keeps no score: it shows once the worker has answered.
            const score = insight && 'score' in insight ? (insight.score as number) : undefined
            return (
              <li
                key={c.id}
                ref={virtual.measureElement}
                data-index={item.index}
                className="vrow crow"
                style={{ transform: `translateY(${item.start}px)` }}
                data-testid="customer-row"
                data-customer-id={c.id}
                data-tier={insight?.tier}
                data-segment={insight ? (insight.segment ?? 'none') : undefined}
                data-score={score}
              >
                <Link to={`/customers/${c.id}`} className="crow-link">
                  <span className="crow-top">
                    <span className="name">{c.name}</span>
                    {insight && (
                      <span className={`badge tier-${insight.tier}`}>
                        {t('customers.tierBadge', { tier: insight.tier })}
                      </span>
                    )}
                    {insight?.segmentLabel && <span className="badge">{b(insight.segmentLabel)}</span>}
                    {score !== undefined && (
                      <span className="badge">{t('customers.scoreBadge', { score })}</span>
                    )}
                    {c.status === 'prospect' && <span className="badge">{t('customers.prospect')}</span>}
                  </span>
                  <span className="sub">
                    {insight && insight.daysOverdue > 0 && (
                      <span className="overdue">
                        {t('customers.overdue', { days: insight.daysOverdue })} ·{' '}
                      </span>
                    )}
                    {insight && insight.daysOverdue === 0 && <span>{t('customers.dueToday')} · </span>}
                    {km !== null && <span>{t('customers.km', { km: km.toFixed(1) })} · </span>}
                    {c.city} · {c.address}
                  </span>
                </Link>
              </li>
            )
          })}
        </ul>
      </div>
    </section>
  )
}

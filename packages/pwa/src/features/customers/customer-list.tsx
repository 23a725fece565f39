import { buildSearchIndex, type CustomField, type LatLng, type SearchIndex } from '@outrider/domain'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { currentPosition } from '../../platform/current-position.ts'
import { markFirstPaint, markFirstScreenReady } from '../../platform/first-screen.ts'
import { ClassifiedAgainstNote } from '../../shared/classified-against.tsx'
import { offeredCustomFields } from '../../shared/custom-fields.ts'
import type { OutriderDb } from '../../store/device-db.ts'
import { useInsights } from '../../store/insights-provider.tsx'
import { type ListCustomer, listCustomerOf, listSnapshot } from '../../store/list-snapshot.ts'
import { useOutriderIfReady, useSessionUser } from '../../store/outrider-context.ts'
import { CustomerFilterBar } from './customer-filter-bar.tsx'
import { CustomerRows } from './customer-rows.tsx'
import { type CustomFieldFilter, filterCustomers, filterOptions } from './filter-customers.ts'
import { useCustomerFilters } from './use-customer-filters.ts'
import '../../shared/customers.css'

export default function CustomerList() {
  const { t } = useTranslation()
  const db = useOutriderIfReady()?.db
  const user = useSessionUser()
  const { insights } = useInsights()
  const all = useListedCustomers(db, user.id)
  const { filters, query, setQuery, deferredQuery, set } = useCustomerFilters()
  const { here, locating } = usePositionForDistance(filters.sort === 'distance')
  const definitions = useCustomFieldDefinitions(db)
  const source = useSearchSource(all)
  // Until the worker has analysed the live data, rank and filter by its last analysis, saved with the
  // snapshot: the list opens in the order, with the badges, the rep left it.
  const byCustomer = useMemo(
    () => insights?.byCustomer ?? listSnapshot(user.id)?.insights ?? {},
    [insights, user.id],
  )
  const customFields = useMemo(() => offeredCustomFields(definitions?.fields), [definitions])
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

  return (
    <section className="customers" aria-labelledby="customers-title">
      <div className="customers-head">
        <h1 id="customers-title">{t('customers.title')}</h1>
        <Link className="button" to="/customers/new">
          {t('customers.add')}
        </Link>
      </div>
      <CustomerFilterBar
        filters={filters}
        set={set}
        query={query}
        onQuery={setQuery}
        options={options}
        customFields={customFields}
      />
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
      <CustomerRows rows={rows} />
    </section>
  )
}

/**
 * The customers to list. Opened before the local database: until it is, the list shows the snapshot
 * saved at the last change (same rows, order and badges, searchable; a row opens its customer once the
 * database is ready), then the live query. Live rows are kept with their database, so a switch of user
 * never shows the previous one's rows. Null until either is there.
 */
function useListedCustomers(db: OutriderDb | undefined, userId: string): ListCustomer[] | null {
  const [early] = useState(() => !db)
  const [liveOf, setLiveOf] = useState<{ db: unknown; rows: ListCustomer[] } | null>(null)
  const live = db && liveOf?.db === db ? liveOf.rows : null
  const snapshot = early && !live ? listSnapshot(userId) : null

  useEffect(() => {
    if (!db) return
    const sub = db.customers.find({ selector: { deleted: { $ne: true } } }).$.subscribe((docs) => {
      setLiveOf({ db, rows: docs.map((d) => listCustomerOf(d.toJSON())) })
    })
    return () => sub.unsubscribe()
  }, [db])

  useEffect(() => {
    if (!snapshot || live) return
    performance.mark('outrider:list-snapshot')
    // Once these rows are painted, the local database may start opening (see outrider-context.ts).
    requestAnimationFrame(() => setTimeout(markFirstPaint, 0))
  }, [snapshot, live])

  // Background work (replication start, insights) waits until the live rows are on screen.
  useEffect(() => {
    if (!live) return
    performance.mark('outrider:list-live')
    requestAnimationFrame(() => markFirstScreenReady())
  }, [live])

  return live ?? snapshot?.customers ?? null
}

/**
 * Custom fields come with the database (the start-up snapshot lists without them), read with their
 * schema by a module loaded then: this first-paint screen does not ship the domain's schemas.
 */
function useCustomFieldDefinitions(db: OutriderDb | undefined) {
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
  return definitions
}

/** The phone's position, asked for once the list is sorted by distance. */
function usePositionForDistance(byDistance: boolean) {
  const [here, setHere] = useState<LatLng | null>(null)
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle')
  useEffect(() => {
    if (!byDistance || here) return
    setLocating('busy')
    void currentPosition().then((p) => {
      setHere(p)
      setLocating(p ? 'idle' : 'failed')
    })
  }, [byDistance, here])
  return { here, locating }
}

/**
 * The customers with their search index, built when the first search needs it, or before that when
 * the browser is idle, so the list's first paint does not wait for it.
 */
function useSearchSource(all: ListCustomer[] | null) {
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
  return source
}
